package dev.steward.cluster.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem cluster-service reports, in one place. */
public enum ClusterErrorCode implements ErrorCode {
    CONNECT_LIST_EMPTY(HttpStatus.BAD_REQUEST, "The list of nodes to connect is empty"),
    CONNECT_LIST_TOO_LONG(HttpStatus.BAD_REQUEST, "Too many nodes in one connect request");

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
