package dev.steward.common.error;

import io.micronaut.http.HttpStatus;

/** Problems every service can report about a request before its own rules run. */
public enum CommonErrorCode implements ErrorCode {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request could not be read"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is not valid"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication is required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "The caller may not perform this operation"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed on this resource"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is too large"),
    URI_TOO_LONG(HttpStatus.REQUEST_URI_TOO_LONG, "The request line (method, path and query) is too long"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are too large"),
    DEAD_LETTER_REPLAYED(HttpStatus.CONFLICT, "The dead letter was replayed already"),
    DEAD_LETTER_REPLAY_FAILED(HttpStatus.CONFLICT, "The dead letter could not be applied"),
    INVALID_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "The Idempotency-Key header is not valid"),
    IDEMPOTENCY_KEY_NOT_SUPPORTED(HttpStatus.BAD_REQUEST, "This route does not take an Idempotency-Key"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "The Idempotency-Key was used for another request"),
    ALREADY_EXISTS(HttpStatus.CONFLICT, "A concurrent request created the same resource first"),
    DEPENDENCY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "A dependency is unavailable; retry shortly"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    CommonErrorCode(HttpStatus status, String title) {
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

    /** The registry entry for a framework-produced status, so that no error leaves without a problem body. */
    public static CommonErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> DEPENDENCY_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : INVALID_REQUEST;
        };
    }
}
