package dev.steward.jobs.reboot;

import dev.steward.common.event.Topics;
import dev.steward.common.node.AgentRecords;
import dev.steward.jobs.TestNodeAgent;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestNodeKey;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "This API endpoint will reboot the system immediately after performing a system backup." */
class RebootIntegrationTest extends AbstractRebootTest {

    @Inject
    MeterRegistry meters;

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

    /**
     * Agents share one Kafka principal and read every node's tasks, so any of them can write a
     * result in another node's name. Only what the task's node signed counts.
     */
    @Test
    void aResultTheTasksNodeDidNotSignIsIgnored() {
        String rebootId = reboot();
        TestNodeAgent.Task restart = agent.nextTask(rebootId, Duration.ofSeconds(30)).orElseThrow();
        String forged = TestNodeAgent.result(restart, "failed", "forged");
        TestNodeKey otherNode = TestNodeKey.generate();
        KafkaTestClient.send(agent.kafka(), "agent", Topics.JOBS_NODE_TASK_RESULTS, nodeId, forged); // no signature
        KafkaTestClient.send(agent.kafka(), "agent", otherNode.recordAs(nodeId, Topics.JOBS_NODE_TASK_RESULTS, forged)); // another node's key
        KafkaTestClient.send(agent.kafka(), "agent", otherNode.record(Topics.JOBS_NODE_TASK_RESULTS, forged)); // its own, for this node's task
        agent.reply(restart, "success", "restarted"); // after the two forgeries keyed by the node: the same partition

        Map<?, ?> done = awaitEnd(rebootId);
        assertEquals("success", done.get("status"), "no forged result was taken for the node's: " + done);
        assertTrue(done.get("log").toString().indexOf("forged") < 0, String.valueOf(done.get("log")));
        Eventually.await(Duration.ofSeconds(20), () -> List.of(refused("unsigned"), refused("bad_signature"), refused("other_node")),
                counts -> counts.stream().allMatch(count -> count >= 1), "each forgery counted by its reason");
    }

    private double refused(String reason) {
        var counter = meters.find(AgentRecords.METRIC).tags("topic", Topics.JOBS_NODE_TASK_RESULTS, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
