package dev.steward.gateway.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a signed mutating request seen before within the signature's validity window. GET and
 * HEAD are exempt: a client polling twice in the same second legitimately repeats a signature
 * (timestamps have one-second resolution) and repeating a read changes nothing.
 * The memory is per gateway instance; see docs/decisions.md.
 */
@Singleton
public class ReplayGuard {

    private static final int MAX_REMEMBERED = 200_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Duration window;

    public ReplayGuard(@Value("${steward.gateway.signature-skew:5m}") Duration skew) {
        this.window = skew.multipliedBy(2); // a timestamp is accepted from now - skew to now + skew
    }

    /** @return true the first time this signature is presented within the window */
    public boolean firstUse(String method, String credentialId, String signature, Instant now) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        if (seen.size() >= MAX_REMEMBERED) {
            seen.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        // One atomic step, so two copies of a request racing each other cannot both count as first.
        boolean[] first = {false};
        seen.compute(credentialId + ":" + signature, (key, expiry) -> {
            if (expiry == null || !expiry.isAfter(now)) {
                first[0] = true;
                return now.plus(window);
            }
            return expiry;
        });
        return first[0];
    }
}
