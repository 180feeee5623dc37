package dev.steward.gateway.auth;

import dev.steward.common.crypto.Crypto;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a signed mutating request seen before within the signature's validity window, on any
 * gateway instance: the memory is identity-service's (one row per use, shared by all gateways), with
 * this instance's own memory in front so that a replay to the same instance is refused without asking.
 * GET and HEAD are exempt: a client polling twice in the same second legitimately repeats a
 * signature (timestamps have one-second resolution) and repeating a read changes nothing.
 */
@Singleton
public class ReplayGuard {

    private static final int MAX_REMEMBERED = 200_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final IdentityClient identity;
    private final Duration window;

    public ReplayGuard(IdentityClient identity, @Value("${steward.gateway.signature-skew:5m}") Duration skew) {
        this.identity = identity;
        this.window = skew.multipliedBy(2); // a timestamp is accepted from now - skew to now + skew
    }

    /** @return true the first time this signature is presented within the window, on any gateway */
    public Mono<Boolean> firstUse(String method, String credentialId, String signature, Instant now) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return Mono.just(true);
        }
        String key = credentialId + ":" + signature;
        if (!firstUseHere(key, now)) {
            return Mono.just(false);
        }
        // When identity cannot answer, the request is refused with 503 unjudged: forget it here too,
        // so that the client's retry of the same signed request is judged afresh, not taken for a replay.
        return identity.claimSignature(Crypto.sha256Hex(key), now.plus(window))
                .doOnError(unanswered -> seen.remove(key));
    }

    /** This instance's memory, one atomic step so that two racing copies cannot both count as first. */
    boolean firstUseHere(String key, Instant now) {
        if (seen.size() >= MAX_REMEMBERED) {
            seen.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        boolean[] first = {false};
        seen.compute(key, (existing, expiry) -> {
            if (expiry == null || !expiry.isAfter(now)) {
                first[0] = true;
                return now.plus(window);
            }
            return expiry;
        });
        return first[0];
    }
}
