package dev.steward.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * secret, since every request's signature differs. An entry counts only while this gateway holds
 * its credential lease and only in the credential epoch it was loaded in ({@link CredentialLease}):
 * identity answers no credential change before every leased gateway has left the epoch before it,
 * so a change is in force on every gateway once its request is answered. The TTL is a safety net.
 */
@Singleton
public class CredentialCache {

    public static final String METRIC = "steward.gateway.credential.cache";

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Credentials identity did not know, with the epoch they were asked about in. */
    private final Cache<String, Long> unknown;
    private final Duration ttl;
    private final int maxEntries;
    private final CredentialLease lease;
    private final Clock clock = Clock.systemUTC();
    /** Look-ups by result ({@code steward_gateway_credential_cache_total{result}}): the hit ratio is hit / (hit + unknown + miss). */
    private final Counter hits;
    private final Counter unknownHits;
    private final Counter misses;

    public CredentialCache(CredentialCacheSettings settings, CredentialLease lease, MeterRegistry meters) {
        this.ttl = settings.ttl();
        this.maxEntries = settings.maxEntries();
        this.lease = lease;
        this.unknown = Caffeine.newBuilder().maximumSize(settings.maxEntries()).expireAfterWrite(settings.negativeTtl()).build();
        this.hits = lookups(meters, "hit");
        this.unknownHits = lookups(meters, "unknown");
        this.misses = lookups(meters, "miss");
    }

    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder(METRIC).description("Credential look-ups: hit (cached), unknown (cached as unknown), miss (asked identity)")
                .tag("result", result).register(meters);
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

    private record Entry(Cached credential, Instant expiresAt, long epoch) {
    }

    public Optional<Cached> get(String key) {
        if (!lease.held()) {
            return Optional.empty();
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.epoch() != lease.epoch() || !clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.credential());
    }

    /**
     * The cached credential, or the one {@code loader} finds (which is then cached). "Unknown" is
     * cached too, briefly ({@code negative-ttl}) and in its epoch only, so a client repeating a bad
     * credential does not cost identity a look-up each time; a credential created meanwhile changes
     * the epoch (and its event empties this cache), so it is never refused for having been unknown.
     */
    public Mono<Optional<Cached>> getOrLoad(String key, Supplier<Mono<Optional<Cached>>> loader) {
        Optional<Cached> cached = get(key);
        if (cached.isPresent()) {
            hits.increment();
            return Mono.just(cached);
        }
        long loadedIn = lease.epoch();
        Long unknownIn = unknown.getIfPresent(key);
        if (unknownIn != null && unknownIn == loadedIn && lease.held()) {
            unknownHits.increment();
            return Mono.just(Optional.empty());
        }
        misses.increment();
        return loader.get().doOnNext(found -> {
            if (found.isPresent()) {
                put(key, found.get(), loadedIn);
            } else if (loadedIn == lease.epoch()) {
                unknown.put(key, loadedIn);
            }
        });
    }

    /** A credential looked up in one epoch is not kept once another began: it may be from before the change. */
    void put(String key, Cached credential, long loadedIn) {
        if (loadedIn != lease.epoch()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // crude but bounded: a flood of distinct valid credentials only costs look-ups
        }
        Instant expiresAt = clock.instant().plus(ttl);
        if (credential.expiresAt() != null && credential.expiresAt().isBefore(expiresAt)) {
            expiresAt = credential.expiresAt();
        }
        entries.put(key, new Entry(credential, expiresAt, loadedIn));
    }

    public void evictAll() {
        entries.clear();
        unknown.invalidateAll();
    }
}
