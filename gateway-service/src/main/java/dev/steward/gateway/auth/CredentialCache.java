package dev.steward.gateway.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

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

    /**
     * A cached credential: who it is, the secret that verifies its signatures (HMAC schemes only), and
     * when the credential itself stops being valid, if it does.
     */
    public record Cached(Principal principal, @Nullable String secret, @Nullable Instant expiresAt) {

        public Cached(Principal principal) {
            this(principal, null, null);
        }
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

    /**
     * The cached credential, or the one {@code loader} finds (which is then cached). Only found
     * credentials are cached: an unknown one is asked about again next time.
     */
    public Mono<Optional<Cached>> getOrLoad(String key, Supplier<Mono<Optional<Cached>>> loader) {
        Optional<Cached> cached = get(key);
        if (cached.isPresent()) {
            return Mono.just(cached);
        }
        return loader.get().doOnNext(found -> found.ifPresent(credential -> put(key, credential)));
    }

    void put(String key, Cached credential) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: a flood of distinct valid credentials only costs look-ups
        }
        Instant expiresAt = clock.instant().plus(ttl);
        if (credential.expiresAt() != null && credential.expiresAt().isBefore(expiresAt)) {
            expiresAt = credential.expiresAt();
        }
        entries.put(key, new Entry(credential, expiresAt));
    }

    public void evictAll() {
        entries.clear();
    }
}
