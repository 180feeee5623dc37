package dev.steward.gateway.auth;

import dev.steward.common.crypto.Crypto;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a signature used before for a write, on any gateway instance, for as long as a verifier
 * would accept it: the memory is identity-service's (one row per use, shared by all gateways), with
 * this instance's own memory in front so that a replay to the same instance is refused without asking.
 * Signatures are known by their decoded bytes ({@link UsedSignature}), so re-encoding one is no new use.
 * Reads are exempt (the filter asks only for writes): a client polling twice in the same second
 * legitimately repeats a signature (timestamps have one-second resolution) and a repeated read changes nothing.
 */
@Singleton
public class ReplayGuard {

    private static final int MAX_REMEMBERED = 200_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final IdentityClient identity;

    public ReplayGuard(IdentityClient identity) {
        this.identity = identity;
    }

    /** @return true the first time this signature is presented, on any gateway, while it is acceptable */
    public Mono<Boolean> firstUse(UsedSignature signature, Instant now) {
        String key = signature.key();
        if (!firstUseHere(key, signature.lastAcceptable(), now)) {
            return Mono.just(false);
        }
        // When identity cannot answer, the request is refused with 503 unjudged: forget it here too,
        // so that the client's retry of the same signed request is judged afresh, not taken for a replay.
        return identity.claimSignature(Crypto.sha256Hex(key), signature.lastAcceptable())
                .doOnError(unanswered -> seen.remove(key));
    }

    /** This instance's memory, one atomic step so that two racing copies cannot both count as first. */
    boolean firstUseHere(String key, Instant rememberUntil, Instant now) {
        if (seen.size() >= MAX_REMEMBERED) {
            seen.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        boolean[] first = {false};
        seen.compute(key, (existing, expiry) -> {
            if (expiry == null || !expiry.isAfter(now)) {
                first[0] = true;
                return rememberUntil;
            }
            return expiry;
        });
        return first[0];
    }
}
