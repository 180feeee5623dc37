package dev.steward.jobs.reboot;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reboot whose backup cannot be made restarts nothing: identity-service never answers here. */
class RebootWithoutBackupIntegrationTest extends AbstractRebootTest {

    @Override
    Map<String, String> backupProperties() {
        return Map.of("steward.jobs.backup.services", "identity, jobs", "steward.jobs.timeouts.backup", "2s");
    }

    @Test
    void aFailedBackupFailsTheRebootBeforeAnyNodeRestarts() {
        String rebootId = reboot();
        Map<?, ?> done = awaitEnd(rebootId);
        assertEquals("failed", done.get("status"), String.valueOf(done));
        assertEquals("The backup before the reboot failed", done.get("errorMessage"));
        assertTrue(String.valueOf(done.get("log")).contains("no node was restarted"), String.valueOf(done.get("log")));
        assertEquals(List.of(), done.get("tasks"), "no node task was planned");
        assertEquals(List.of(), agent.tasksOf(rebootId), "no node was told to restart");
        assertEquals("failed", get("/api/v1/admin/backup").get("status"));
    }
}
