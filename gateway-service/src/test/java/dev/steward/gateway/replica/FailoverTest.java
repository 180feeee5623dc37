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

    @ParameterizedTest(name = "{0} after {1}: {2}")
    @CsvSource({
            "GET,     refused,         NOTHING_DONE_TRY_NEXT",
            "POST,    refused,         NOTHING_DONE_TRY_NEXT",
            "DELETE,  refused-wrapped, NOTHING_DONE_TRY_NEXT",
            "GET,     reset,           SAFE_TRY_NEXT",
            "HEAD,    timeout,         SAFE_TRY_NEXT",
            "OPTIONS, reset,           SAFE_TRY_NEXT",
            "POST,    reset,           STOP",
            "PUT,     timeout,         STOP",
            "DELETE,  reset,           STOP",
            "PATCH,   timeout,         STOP",
            "GET,     answered,        STOP",
            "POST,    answered,        STOP",
    })
    void whetherARequestMovesToTheNextReplica(String method, String kind, Failover.Next expected) {
        assertEquals(expected, Failover.after(method, failure(kind)));
    }
}
