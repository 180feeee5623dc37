package dev.steward.gateway.replica;

import dev.steward.common.error.Causes;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.net.ConnectException;
import java.util.Set;

/**
 * Whether a request that failed on one replica goes to the next. A refused connection means
 * nothing reached the service, so any request moves on; a safe method (it changes nothing) moves
 * on after any failure; any other request may have been applied, so it stops there and the client
 * decides (with its Idempotency-Key, if it sent one).
 */
public final class Failover {

    public enum Next {
        /** Nothing reached the replica: mark it and try the next. */
        NOTHING_DONE_TRY_NEXT,
        /** It may have been done, but doing it again changes nothing: try the next. */
        SAFE_TRY_NEXT,
        /** It may have been done: answer with the failure. */
        STOP
    }

    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private Failover() {
    }

    /** {@code failure} is a transport failure; an HTTP answer, whatever its status, is an answer and never retried. */
    public static Next after(String method, Throwable failure) {
        if (failure instanceof HttpClientResponseException) {
            return Next.STOP;
        }
        if (refusedConnection(failure)) {
            return Next.NOTHING_DONE_TRY_NEXT;
        }
        return SAFE_METHODS.contains(method) ? Next.SAFE_TRY_NEXT : Next.STOP;
    }

    public static boolean refusedConnection(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(ConnectException.class::isInstance);
    }
}
