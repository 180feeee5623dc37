package dev.steward.gateway.replica;

import dev.steward.common.error.Causes;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.net.ConnectException;
import java.util.Set;

/**
 * Whether a request that failed on one replica goes to the next. A refused connection means
 * nothing reached the service, so any request moves on; a repeatable request (a safe method on a
 * route where it only reads) moves on after any failure; any other request may have been applied,
 * so it stops there and the client decides (with its Idempotency-Key, if it sent one).
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

    /**
     * A request that changes nothing: a safe method, on a route where that method is a read (a GET
     * of Jidoteki's /logs starts a job, so it is not).
     */
    public static boolean repeatable(String method, boolean routeWrites) {
        return SAFE_METHODS.contains(method) && !routeWrites;
    }

    /** {@code failure} is a transport failure; an HTTP answer, whatever its status, is an answer and never retried. */
    public static Next after(boolean repeatable, Throwable failure) {
        if (failure instanceof HttpClientResponseException) {
            return Next.STOP;
        }
        if (refusedConnection(failure)) {
            return Next.NOTHING_DONE_TRY_NEXT;
        }
        return repeatable ? Next.SAFE_TRY_NEXT : Next.STOP;
    }

    public static boolean refusedConnection(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(ConnectException.class::isInstance);
    }
}
