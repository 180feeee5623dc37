package dev.steward.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervised storage process, as real processes. */
class StorageProcessTest {

    @Test
    void aRestartStopsTheProcessAndStartsANewOne(@TempDir Path data) throws Exception {
        try (StorageProcess storage = new StorageProcess(StorageProcess.STAND_IN, data, Duration.ofMillis(200))) {
            storage.start();
            long before = storage.pid();
            ProcessHandle old = ProcessHandle.of(before).orElseThrow();
            String report = storage.restart();
            assertTrue(report.contains("(pid " + before + " -> " + storage.pid() + ")"), report);
            assertNotEquals(before, storage.pid());
            assertTrue(old.onExit().get(5, TimeUnit.SECONDS) != null && !old.isAlive(), "the old process is gone");
            assertTrue(storage.alive());
        }
    }

    /** An agent killed with kill -9 leaves its storage process; the next agent on the directory stops it first. */
    @Test
    void theProcessOfAKilledAgentIsStoppedBeforeANewOneStarts(@TempDir Path data) throws Exception {
        StorageProcess killedAgents = new StorageProcess(StorageProcess.STAND_IN, data, Duration.ofMillis(200));
        killedAgents.start(); // never closed: its agent died
        ProcessHandle orphan = ProcessHandle.of(killedAgents.pid()).orElseThrow();
        try (StorageProcess next = new StorageProcess(StorageProcess.STAND_IN, data, Duration.ofMillis(200))) {
            next.start();
            orphan.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(orphan.isAlive(), "one storage process per node, not two");
            assertTrue(next.alive());
        }
    }

    @Test
    void aCommandThatDiesAtOnceFailsTheRestart(@TempDir Path data) throws Exception {
        try (StorageProcess storage = new StorageProcess("exit 3", data, Duration.ofMillis(500))) {
            storage.start();
            java.io.IOException failed = assertThrows(java.io.IOException.class, storage::restart);
            assertTrue(failed.getMessage().contains("exited with 3"), failed.getMessage());
        }
    }
}
