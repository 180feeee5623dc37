package dev.steward.gateway.error;

import dev.steward.common.error.ErrorCode;
import io.micronaut.http.HttpStatus;

/** Every problem the gateway reports, in one place. */
public enum GatewayErrorCode implements ErrorCode {
    /** Refusal on routes whose reference answers 401 (Gluster, Steward's own API). */
    AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "Missing or invalid credentials"),
    /** Refusal on routes whose reference answers 403 (Garage, JuiceFS, Jidoteki). */
    ACCESS_DENIED(HttpStatus.FORBIDDEN, "Missing or invalid credentials"),
    NO_ROUTE(HttpStatus.NOT_FOUND, "No Steward API at this path"),
    HTTPS_REQUIRED(HttpStatus.FORBIDDEN, "This API is served over HTTPS only"),
    SCOPE_MISSING(HttpStatus.FORBIDDEN, "The credential's scopes do not include this operation"),
    ROLE_INSUFFICIENT(HttpStatus.FORBIDDEN, "The credential's role does not allow this operation"),
    QUERY_CREDENTIALS_NOT_ALLOWED(HttpStatus.FORBIDDEN, "?token= and ?hash= are accepted on the Jidoteki API only"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests: retry after the pause in Retry-After"),
    IDENTITY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Credentials cannot be checked right now"),
    // 503 rather than 502: the client's next step is the same as for an overloaded service, retry after a pause.
    UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The service owning this path did not answer");

    private final HttpStatus status;
    private final String title;

    GatewayErrorCode(HttpStatus status, String title) {
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

    public static GatewayErrorCode refusal(int status) {
        return status == 401 ? AUTHENTICATION_REQUIRED : ACCESS_DENIED;
    }
}
