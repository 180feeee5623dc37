package dev.steward.identity.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem identity-service reports, in one place. */
public enum IdentityErrorCode implements ErrorCode {
    CREDENTIAL_NOT_FOUND(HttpStatus.NOT_FOUND, "No such credential"),
    TOKEN_HASH_INVALID(HttpStatus.BAD_REQUEST, "A token hash is 64 lowercase hexadecimal characters"),
    AUDIT_LIMIT_INVALID(HttpStatus.BAD_REQUEST, "The audit page size is out of range"),
    API_TOKEN_INVALID(HttpStatus.BAD_REQUEST, "newtoken must be 1 to 255 printable ASCII characters (codes 33 to 126)"),
    API_TOKEN_ALREADY_SET(HttpStatus.FORBIDDEN, "The API token is set: changing it requires authentication"),
    API_TOKEN_NOT_SET(HttpStatus.NOT_FOUND, "No API token has been set up yet");

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
