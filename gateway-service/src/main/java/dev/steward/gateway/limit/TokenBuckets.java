package dev.steward.gateway.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Token buckets by key, bounded in number (Caffeine, least recently used out). */
final class TokenBuckets {

    private final double ratePerNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    TokenBuckets(double perSecond, int burst, long maxKeys, LongSupplier nanoTime) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).build();
    }

    /** Takes a token; empty when one was there, otherwise how long until one will be. */
    Optional<Duration> take(String key) {
        return buckets.get(key, k -> new Bucket(burst, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    /** How long until {@code key} has a token again, without taking one (empty: it has one now). */
    Optional<Duration> wait(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null ? Optional.empty() : bucket.peek(nanoTime.getAsLong());
    }

    private final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(untilOne());
        }

        synchronized Optional<Duration> peek(long now) {
            refill(now);
            return tokens >= 1 ? Optional.empty() : Optional.of(untilOne());
        }

        private void refill(long now) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerNano);
                updatedAt = now;
            }
        }

        private Duration untilOne() {
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerNano));
        }
    }
}
