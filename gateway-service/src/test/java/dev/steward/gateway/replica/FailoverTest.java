package dev.steward.gateway.replica;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailoverTest {

    private static Throwable failure(String kind) {
        return switch (kind) {
            case "refused" -> new ConnectException("Connection refused");
            case "refused-wrapped" -> new IllegalStateException("connect failed", new IOException("io", new ConnectException("refused")));
            case "reset" -> new IOException("Connection reset by peer");
            case "timeout" -> new TimeoutException("Did not observe any item");
            case "answered" -> new HttpClientResponseException("Service Unavailable", HttpResponse.status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} on a route where it writes: {1}, after {2}: {3}")
    @CsvSource({
            "GET,     false, refused,         NOTHING_DONE_TRY_NEXT",
            "POST,    false, refused,         NOTHING_DONE_TRY_NEXT",
            "DELETE,  false, refused-wrapped, NOTHING_DONE_TRY_NEXT",
            "GET,     true,  refused,         NOTHING_DONE_TRY_NEXT",
            "GET,     false, reset,           SAFE_TRY_NEXT",
            "HEAD,    false, timeout,         SAFE_TRY_NEXT",
            "OPTIONS, false, reset,           SAFE_TRY_NEXT",
            "GET,     true,  reset,           STOP",
            "GET,     true,  timeout,         STOP",
            "POST,    false, reset,           STOP",
            "PUT,     false, timeout,         STOP",
            "DELETE,  false, reset,           STOP",
            "PATCH,   false, timeout,         STOP",
            "GET,     false, answered,        STOP",
            "POST,    false, answered,        STOP",
    })
    void whetherARequestMovesToTheNextReplica(String method, boolean routeWrites, String kind, Failover.Next expected) {
        assertEquals(expected, Failover.after(Failover.repeatable(method, routeWrites), failure(kind)));
    }
}
