package dev.steward.common.concurrent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting on state that other replicas write to the database, where no notification reaches this
 * JVM: check, sleep, check again, until done or the bound runs out.
 */
public final class Polling {

    private Polling() {
    }

    /**
     * Checks {@code done} at once and then every {@code every}, for at most {@code wait}.
     *
     * @return whether {@code done} held before the bound ran out (false too when interrupted)
     */
    public static boolean until(Duration wait, Duration every, BooleanSupplier done) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
