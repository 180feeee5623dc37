package dev.steward.gateway.limit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private RequestThrottle throttle(boolean enabled) {
        return new RequestThrottle(new RateLimits(enabled, 10, 3, 5, 2, 0.5, 2, 1000), now::get);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aClientGetsItsBurstThenWaitsForTheRefill() {
        RequestThrottle throttle = throttle(true);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.admitClient("198.51.100.1"));
        }
        Optional<Duration> wait = throttle.admitClient("198.51.100.1");
        assertEquals(Optional.of(Duration.ofMillis(100)), wait, "10 a second: the next token in 100 ms");
        assertEquals(Optional.empty(), throttle.admitClient("198.51.100.2"), "another address has its own bucket");
        advance(Duration.ofMillis(100));
        assertEquals(Optional.empty(), throttle.admitClient("198.51.100.1"));
    }

    @Test
    void failuresPauseTheWholeAddressUntilOneRefills() {
        RequestThrottle throttle = throttle(true);
        throttle.failed("203.0.113.5");
        assertEquals(Optional.empty(), throttle.admitClient("203.0.113.5"), "one failure of a burst of 2 is allowed");
        throttle.failed("203.0.113.5");
        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.admitClient("203.0.113.5"), "0.5 a second: 2 s, as Jidoteki pauses");
        advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), throttle.admitClient("203.0.113.5"));
    }

    @Test
    void principalsAreLimitedApart() {
        RequestThrottle throttle = throttle(true);
        assertEquals(Optional.empty(), throttle.admitPrincipal("token:a"));
        assertEquals(Optional.empty(), throttle.admitPrincipal("token:a"));
        assertTrue(throttle.admitPrincipal("token:a").isPresent());
        assertEquals(Optional.empty(), throttle.admitPrincipal("token:b"));
    }

    @Test
    void switchedOffItAdmitsEverything() {
        RequestThrottle throttle = throttle(false);
        for (int i = 0; i < 100; i++) {
            throttle.failed("203.0.113.5");
            assertEquals(Optional.empty(), throttle.admitClient("203.0.113.5"));
            assertEquals(Optional.empty(), throttle.admitPrincipal("token:a"));
        }
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertEquals("1", RequestThrottle.retryAfter(Duration.ofMillis(1)));
        assertEquals("2", RequestThrottle.retryAfter(Duration.ofMillis(1001)));
        assertEquals("2", RequestThrottle.retryAfter(Duration.ofSeconds(2)));
    }
}
