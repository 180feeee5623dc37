package dev.steward.gateway.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Verified principals by credential key (e.g. a token hash), so a signed request does not cost a
 * round trip to identity-service. Entries expire after a short TTL; identity events can evict them
 * sooner.
 */
@Singleton
public class CredentialCache {

    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();

    public CredentialCache(@Value("${steward.gateway.credential-cache.ttl:5s}") Duration ttl) {
        this.ttl = ttl;
    }

    private record Entry(Principal principal, Instant expiresAt) {
    }

    public Optional<Principal> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.principal());
    }

    /** @param credentialExpiry when the credential itself stops being valid, if it does */
    public void put(String key, Principal principal, Instant credentialExpiry) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: a flood of distinct valid credentials only costs look-ups
        }
        Instant expiresAt = clock.instant().plus(ttl);
        if (credentialExpiry != null && credentialExpiry.isBefore(expiresAt)) {
            expiresAt = credentialExpiry;
        }
        entries.put(key, new Entry(principal, expiresAt));
    }

    public void evictAll() {
        entries.clear();
    }
}
