package dev.steward.cluster.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem cluster-service reports, in one place. */
public enum ClusterErrorCode implements ErrorCode {
    CONNECT_LIST_EMPTY(HttpStatus.BAD_REQUEST, "The list of nodes to connect is empty"),
    CONNECT_LIST_TOO_LONG(HttpStatus.BAD_REQUEST, "Too many nodes in one connect request"),
    HEARTBEAT_INVALID(HttpStatus.BAD_REQUEST, "The heartbeat is not valid"),
    NODE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such node"),
    NODE_HOLDS_ROLE(HttpStatus.CONFLICT, "The node holds a role in the layout"),
    LAYOUT_BODY_INVALID(HttpStatus.BAD_REQUEST, "The layout change request is not valid"),
    LAYOUT_NODE_ID_INVALID(HttpStatus.BAD_REQUEST, "Invalid node id in layout change"),
    LAYOUT_ROLE_INVALID(HttpStatus.BAD_REQUEST, "Invalid role in layout change"),
    LAYOUT_ROLE_UNKNOWN(HttpStatus.BAD_REQUEST, "The node has no role to remove"),
    LAYOUT_VERSION_MISSING(HttpStatus.BAD_REQUEST, "The new layout version is missing"),
    LAYOUT_VERSION_CONFLICT(HttpStatus.CONFLICT, "The new layout version must be the current version + 1"),
    LAYOUT_INFEASIBLE(HttpStatus.BAD_REQUEST, "The layout cannot hold every partition's replicas"),
    BUCKET_QUERY_INVALID(HttpStatus.BAD_REQUEST, "Name the bucket with exactly one of id or globalAlias"),
    BUCKET_NOT_FOUND(HttpStatus.NOT_FOUND, "No such bucket"),
    BUCKET_ALIAS_INVALID(HttpStatus.BAD_REQUEST, "Invalid bucket alias"),
    BUCKET_ALIAS_TAKEN(HttpStatus.CONFLICT, "The alias already names another bucket"),
    BUCKET_ALIAS_NOT_FOUND(HttpStatus.NOT_FOUND, "The bucket has no such alias"),
    BUCKET_UPDATE_INVALID(HttpStatus.BAD_REQUEST, "Invalid bucket update"),
    BUCKET_NOT_EMPTY(HttpStatus.CONFLICT, "The bucket is not empty"),
    BUCKET_USAGE_INVALID(HttpStatus.BAD_REQUEST, "Invalid bucket usage report"),
    KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "No such access key"),
    VOLUME_INVALID(HttpStatus.BAD_REQUEST, "Invalid volume"),
    VOLUME_NAME_TAKEN(HttpStatus.CONFLICT, "A volume with this name exists"),
    VOLUME_NOT_FOUND(HttpStatus.NOT_FOUND, "No such volume"),
    VOLUME_STATE_CONFLICT(HttpStatus.CONFLICT, "The volume is not in a state that allows this"),
    QUOTA_INVALID(HttpStatus.BAD_REQUEST, "Invalid quota"),
    QUOTA_PATH_TAKEN(HttpStatus.CONFLICT, "The path already has a quota"),
    QUOTA_NOT_FOUND(HttpStatus.NOT_FOUND, "No such quota"),
    SETTINGS_INVALID(HttpStatus.BAD_REQUEST, "The settings file is not valid"),
    SETTINGS_NOT_FOUND(HttpStatus.NOT_FOUND, "No settings found");

    private final HttpStatus status;
    private final String title;

    ClusterErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
