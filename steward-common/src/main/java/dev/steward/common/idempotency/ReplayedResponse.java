package dev.steward.common.idempotency;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * Thrown by {@link IdempotencyInterceptor} to answer a retry with the first answer: a controller
 * method typed to return its view cannot return a stored response, an exception handler can.
 */
final class ReplayedResponse extends RuntimeException {

    static final String HEADER = "Idempotent-Replayed";

    private final IdempotencyStore.Stored stored;

    ReplayedResponse(IdempotencyStore.Stored stored) {
        super(null, null, false, false);
        this.stored = stored;
    }

    MutableHttpResponse<?> response() {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(stored.status())).header(HEADER, "true");
        if (stored.contentType() != null) {
            response.header("Content-Type", stored.contentType());
        }
        return stored.body() == null || stored.body().length == 0 ? response : response.body(stored.body());
    }
}
