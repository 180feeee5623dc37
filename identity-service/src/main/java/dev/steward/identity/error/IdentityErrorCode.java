package dev.steward.identity.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem identity-service reports, in one place. */
public enum IdentityErrorCode implements ErrorCode {
    CREDENTIAL_NOT_FOUND(HttpStatus.NOT_FOUND, "No such credential"),
    TOKEN_HASH_INVALID(HttpStatus.BAD_REQUEST, "A token hash is 64 lowercase hexadecimal characters"),
    AUDIT_LIMIT_INVALID(HttpStatus.BAD_REQUEST, "The audit page size is out of range");

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
