package dev.steward.gateway.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import reactor.core.publisher.Mono;

import java.util.OptionalLong;

/**
 * The request body for schemes that sign it, read without consuming it: a split copy is buffered
 * for hashing while the original still streams to the owning service. The size is capped before
 * anything is hashed.
 */
public final class SignedBody {

    private SignedBody() {
    }

    public static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("signed request bodies are limited to " + limit + " bytes");
        }
    }

    public static Mono<byte[]> read(HttpRequest<?> request, long maxBytes) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return Mono.just(new byte[0]);
        }
        ByteBody body = server.byteBody();
        OptionalLong expected = body.expectedLength();
        if (expected.isPresent() && expected.getAsLong() == 0) {
            return Mono.just(new byte[0]);
        }
        if (expected.isPresent() && expected.getAsLong() > maxBytes) {
            return Mono.error(new TooLargeException(maxBytes));
        }
        return Mono.fromFuture(body.split(ByteBody.SplitBackpressureMode.FASTEST).buffer()).map(buffered -> {
            try (CloseableAvailableByteBody available = buffered) {
                if (available.length() > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                return available.toByteArray();
            }
        });
    }
}
