package dev.steward.common.concurrent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollingTest {

    private static final Duration EVERY = Duration.ofMillis(1);

    @Test
    void doneAtOnceChecksOnceAndNeverSleeps() {
        AtomicInteger checks = new AtomicInteger();
        assertTrue(Polling.until(Duration.ZERO, EVERY, () -> checks.incrementAndGet() > 0));
        assertEquals(1, checks.get());
    }

    @Test
    void keepsCheckingUntilDone() {
        AtomicInteger checks = new AtomicInteger();
        assertTrue(Polling.until(Duration.ofSeconds(10), EVERY, () -> checks.incrementAndGet() == 3));
        assertEquals(3, checks.get());
    }

    @Test
    void givesUpWhenTheBoundRunsOut() {
        AtomicInteger checks = new AtomicInteger();
        assertFalse(Polling.until(Duration.ofMillis(20), EVERY, () -> checks.incrementAndGet() < 0));
        assertTrue(checks.get() >= 2, "checked at once and again after sleeping");
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() {
        Thread.currentThread().interrupt();
        try {
            assertFalse(Polling.until(Duration.ofSeconds(10), EVERY, () -> false));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
