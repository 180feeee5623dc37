package dev.steward.gateway.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Credentials looked up from identity-service, by credential key (a token hash, an access key id),
 * so that a signed request does not cost a round trip. For HMAC schemes the entry also holds the
 * secret, since every request's signature differs. Identity events evict everything at once
 * (CredentialEvictionListener); the TTL is only a safety net.
 */
@Singleton
public class CredentialCache {

    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();

    public CredentialCache(@Value("${steward.gateway.credential-cache.ttl:30s}") Duration ttl) {
        this.ttl = ttl;
    }

    /** A cached credential: who it is, and the secret that verifies its signatures (HMAC schemes only). */
    public record Cached(Principal principal, @Nullable String secret) {
    }

    private record Entry(Cached credential, Instant expiresAt) {
    }

    public Optional<Cached> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.credential());
    }

    public Optional<Principal> principal(String key) {
        return get(key).map(Cached::principal);
    }

    /** @param credentialExpiry when the credential itself stops being valid, if it does */
    public void put(String key, Principal principal, @Nullable String secret, @Nullable Instant credentialExpiry) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: a flood of distinct valid credentials only costs look-ups
        }
        Instant expiresAt = clock.instant().plus(ttl);
        if (credentialExpiry != null && credentialExpiry.isBefore(expiresAt)) {
            expiresAt = credentialExpiry;
        }
        entries.put(key, new Entry(new Cached(principal, secret), expiresAt));
    }

    public void evictAll() {
        entries.clear();
    }
}
