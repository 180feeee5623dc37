package dev.steward.gateway.limit;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether the gateway takes a request now ({@link RateLimits}): by client address before
 * anything is looked up, by principal once verified, and it remembers failed verifications by
 * address. A refusal says how long to wait, for {@code Retry-After}.
 */
@Singleton
public class RequestThrottle {

    private final boolean enabled;
    private final TokenBuckets clients;
    private final TokenBuckets credentials;
    private final TokenBuckets failures;

    public RequestThrottle(RateLimits limits) {
        this(limits, System::nanoTime);
    }

    RequestThrottle(RateLimits limits, java.util.function.LongSupplier nanoTime) {
        this.enabled = limits.enabled();
        this.clients = new TokenBuckets(limits.perClientRate(), limits.perClientBurst(), limits.trackedKeys(), nanoTime);
        this.credentials = new TokenBuckets(limits.perCredentialRate(), limits.perCredentialBurst(), limits.trackedKeys(), nanoTime);
        this.failures = new TokenBuckets(limits.failedPerClientRate(), limits.failedPerClientBurst(), limits.trackedKeys(), nanoTime);
    }

    /** Before verification: an address that spent its failures waits, and every request counts. */
    public Optional<Duration> admitClient(String clientIp) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<Duration> penalty = failures.wait(clientIp);
        return penalty.isPresent() ? penalty : clients.take(clientIp);
    }

    public Optional<Duration> admitPrincipal(String subject) {
        return enabled ? credentials.take(subject) : Optional.empty();
    }

    /** A presented credential did not verify. */
    public void failed(String clientIp) {
        if (enabled) {
            failures.take(clientIp);
        }
    }

    /** Whole seconds, at least 1, as {@code Retry-After} wants them. */
    public static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
