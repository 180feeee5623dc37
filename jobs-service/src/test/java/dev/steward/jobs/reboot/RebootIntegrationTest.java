package dev.steward.jobs.reboot;

import dev.steward.jobs.TestNodeAgent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "This API endpoint will reboot the system immediately after performing a system backup." */
class RebootIntegrationTest extends AbstractRebootTest {

    @Override
    Map<String, String> backupProperties() {
        return Map.of("steward.jobs.backup.services", "jobs");
    }

    @Test
    void aRebootBacksUpFirstAndRestartsNodesOnlyAfterTheBackupSucceeded() {
        String rebootId = reboot();
        TestNodeAgent.Task restart = agent.nextTask(rebootId, Duration.ofSeconds(30)).orElseThrow();
        assertEquals("reboot", restart.action());
        assertEquals(nodeId, restart.nodeId());
        Map<?, ?> backup = get("/api/v1/admin/backup");
        assertEquals("success", backup.get("status"), "the backup had succeeded before the first node was told to restart: " + backup);

        agent.reply(restart, "success", "restarted");
        Map<?, ?> done = awaitEnd(rebootId);
        assertEquals("success", done.get("status"), String.valueOf(done));
        List<?> log = (List<?>) done.get("log");
        String text = String.join("\n", log.stream().map(String::valueOf).toList());
        int backingUp = text.indexOf("Backing up the system before the reboot");
        int backedUp = text.indexOf("Backup complete");
        int restarting = text.indexOf("Restarting node " + nodeId);
        assertTrue(backingUp >= 0 && backingUp < backedUp && backedUp < restarting, "the reboot's log tells the backup first: " + text);
    }
}
