package dev.steward.cli.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobWatcherTest {

    @Test
    void theBarFillsWithThePercentageAndClamps() {
        assertEquals("[------------------------------]   0% running", JobWatcher.bar(0, "running"));
        assertEquals("[###############---------------]  50% running", JobWatcher.bar(50, "running"));
        assertEquals("[##############################] 100% success", JobWatcher.bar(100, "success"));
        assertEquals("[##############################] 100% success", JobWatcher.bar(140, "success"));
        assertEquals("[------------------------------]   0% failed", JobWatcher.bar(-3, "failed"));
    }
}
