package dev.steward.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition that becomes true asynchronously (relay, consumer), failing with the last value seen. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = probe.get();
        }
        return last;
    }
}
