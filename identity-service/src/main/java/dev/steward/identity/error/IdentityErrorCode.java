package dev.steward.identity.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem identity-service reports, in one place. */
public enum IdentityErrorCode implements ErrorCode {
    CREDENTIAL_NOT_FOUND(HttpStatus.NOT_FOUND, "No such credential"),
    SIGNATURE_ALREADY_USED(HttpStatus.CONFLICT, "This signature has been used already"),
    SIGNATURE_FINGERPRINT_INVALID(HttpStatus.BAD_REQUEST, "Invalid signature use"),
    TOKEN_HASH_INVALID(HttpStatus.BAD_REQUEST, "A token hash is 64 lowercase hexadecimal characters"),
    AUDIT_LIMIT_INVALID(HttpStatus.BAD_REQUEST, "The audit page size is out of range"),
    API_TOKEN_INVALID(HttpStatus.BAD_REQUEST, "newtoken must be 1 to 255 printable ASCII characters (codes 33 to 126)"),
    API_TOKEN_ALREADY_SET(HttpStatus.FORBIDDEN, "The API token is set: changing it requires authentication"),
    API_TOKEN_NOT_SET(HttpStatus.NOT_FOUND, "No API token has been set up yet"),
    KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "No such access key"),
    KEY_ID_TAKEN(HttpStatus.CONFLICT, "An access key with this id exists"),
    KEY_NAME_TAKEN(HttpStatus.CONFLICT, "Another access key has this name"),
    KEY_NAME_INVALID(HttpStatus.BAD_REQUEST, "Key names are at most 255 characters, without control characters"),
    KEY_ID_INVALID(HttpStatus.BAD_REQUEST, "Access key ids are 3 to 128 letters, digits, '.', '_' or '-'"),
    KEY_SECRET_INVALID(HttpStatus.BAD_REQUEST, "Secret keys are 16 to 256 printable ASCII characters"),
    KEY_QUERY_INVALID(HttpStatus.BAD_REQUEST, "Give either id or search, not both"),
    KEY_PERMISSION_UNKNOWN(HttpStatus.BAD_REQUEST, "Unknown key permission flag"),
    APP_NOT_FOUND(HttpStatus.NOT_FOUND, "No such application"),
    TOKEN_NAME_INVALID(HttpStatus.BAD_REQUEST, "Token names are 1 to 64 letters, digits, '.', '_' or '-'"),
    TOKEN_NAME_TAKEN(HttpStatus.CONFLICT, "A token with this name exists"),
    TOKEN_KIND_INVALID(HttpStatus.BAD_REQUEST, "Token kinds are ADMIN and METRICS"),
    ROLE_INVALID(HttpStatus.BAD_REQUEST, "Roles are admin, operator, auditor, metrics and none"),
    ROLE_REQUIRED(HttpStatus.BAD_REQUEST, "Name the credential's role"),
    /** A credential asked to create or change one wider than itself (role, scope, IP range or lifetime). */
    DELEGATION_EXCEEDED(HttpStatus.FORBIDDEN, "A credential cannot create or change a credential wider than itself"),
    SECRET_REVEAL_FORBIDDEN(HttpStatus.FORBIDDEN, "Only an admin may see a key's secret"),
    TOKEN_EXPIRY_INVALID(HttpStatus.BAD_REQUEST, "expiresAt must be in the future"),
    TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "No such token"),
    SCOPE_INVALID(HttpStatus.BAD_REQUEST, "Scopes are *, <area>:*, <area>:read, <area>:write, *:read or *:write"),
    IP_RANGE_INVALID(HttpStatus.BAD_REQUEST, "IP ranges are IPv4 or IPv6 CIDR blocks, e.g. 192.168.0.0/24"),
    APP_EXISTS(HttpStatus.CONFLICT, "An application with this id is registered"),
    APP_ID_INVALID(HttpStatus.BAD_REQUEST, "Application ids are 1 to 128 letters, digits, '.', '_' or '-'"),
    APP_SECRET_INVALID(HttpStatus.BAD_REQUEST, "Application secrets are 8 to 512 characters without control characters"),
    PERMISSION_REQUEST_INVALID(HttpStatus.BAD_REQUEST, "Invalid bucket permission change"),
    BUCKET_NOT_FOUND(HttpStatus.NOT_FOUND, "No such bucket"),
    VOLUME_NOT_FOUND(HttpStatus.NOT_FOUND, "No such volume"),
    EXPORT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such export"),
    EXPORT_INVALID(HttpStatus.BAD_REQUEST, "Invalid export"),
    EXPORT_RANGE_TAKEN(HttpStatus.CONFLICT, "The volume already has an export for this IP range"),
    TLS_CERTIFICATE_INVALID(HttpStatus.BAD_REQUEST, "The TLS certificate, key or CA cannot be used"),
    TLS_NOT_INSTALLED(HttpStatus.NOT_FOUND, "No TLS certificate has been uploaded"),
    CONFIG_NAME_UNKNOWN(HttpStatus.NOT_FOUND, "No such setting"),
    CONFIG_VALUE_INVALID(HttpStatus.BAD_REQUEST, "Invalid value for this setting"),
    /** Jidoteki answers 404 when "the license file is invalid or doesn't exist". */
    LICENSE_INVALID(HttpStatus.NOT_FOUND, "The license file is missing or invalid"),
    LICENSE_NOT_INSTALLED(HttpStatus.NOT_FOUND, "No license is installed"),
    LICENSE_EXPIRED(HttpStatus.FORBIDDEN, "The license has expired"),
    /** Jidoteki's 400 for "an error when updating the license": the file verifies, but its date has passed. */
    LICENSE_ALREADY_EXPIRED(HttpStatus.BAD_REQUEST, "The license file has already expired"),
    LICENSE_LIMIT_REACHED(HttpStatus.FORBIDDEN, "The license does not allow another access key");

    private final HttpStatus status;
    private final String title;

    IdentityErrorCode(HttpStatus status, String title) {
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
