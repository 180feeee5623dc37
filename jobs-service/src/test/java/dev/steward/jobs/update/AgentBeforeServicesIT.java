package dev.steward.jobs.update;

import dev.steward.common.event.Topics;
import dev.steward.jobs.JobsServiceProcess;
import dev.steward.jobs.OwnKafkaBroker;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.NodeAgentProcess;
import dev.steward.testing.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real node agent started on a new broker before any service: the task topic does not exist
 * yet and the agent's principal may not create it, so the broker refuses the agent's first reads.
 * Once jobs-service has created its topics, the agent must still receive its tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentBeforeServicesIT {

    private OwnKafkaBroker broker;
    private NodeAgentProcess agent;
    private JobsServiceProcess jobs;

    @BeforeAll
    void start() throws Exception {
        broker = new OwnKafkaBroker(Path.of("target", "agent-first-broker-" + UUID.randomUUID().toString().substring(0, 8)));
        KafkaAccess kafka = broker.start();
        agent = NodeAgentProcess.start(Files.createTempDirectory("steward-agent-first-"), kafka);
        Thread.sleep(3000); // the agent polls a topic that is not there, refused, before jobs-service exists
        jobs = new JobsServiceProcess("agent-first", kafka, UpdatePackageTest.KEY);
        jobs.start();
    }

    @AfterAll
    void stop() {
        if (jobs != null) {
            jobs.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anAgentStartedBeforeTheServicesStillGetsItsTasks() throws Exception {
        KafkaTestClient.send(broker.kafka(), "cluster", Topics.CLUSTER_EVENTS, agent.nodeId(),
                TestEvents.nodeConnected(UUID.randomUUID().toString(), agent.nodeId(), "127.0.0.1:" + agent.port(), OffsetDateTime.now()));
        Eventually.await(Duration.ofSeconds(60), () -> jobs.query("SELECT count(*) FROM known_node WHERE node_id = ?", agent.nodeId()),
                "1"::equals, "jobs-service to learn the agent's node");

        HttpResponse<String> accepted = jobs.postUpdate(
                UpdateIntegrationTest.updatePackage(UpdatePackageTest.KEY, "{\"version\":\"9.0.0\",\"builddate\":\"1795600000\"}"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = jobs.query("SELECT id FROM job WHERE kind = 'update' ORDER BY created_at DESC LIMIT 1", null);

        // The agent is started without a gateway to download from: it answers its task saying so, which fails the job.
        String status = Eventually.await(Duration.ofSeconds(60), () -> UpdateSurvivesKillIT.status(jobs, jobId), s -> !"running".equals(s),
                "the agent to answer its task; see " + jobs.logFile());
        assertEquals("failed", status);
        assertEquals("E1002", jobs.query("SELECT error_code FROM job WHERE id = CAST(? AS uuid)", jobId));
        String log = jobs.query("SELECT string_agg(line, E'\\n' ORDER BY seq) FROM job_log WHERE job_id = CAST(? AS uuid)", jobId);
        assertTrue(log.contains("this agent has no STEWARD_AGENT_GATEWAY and STEWARD_AGENT_TOKEN"), "the agent's own report reached the job: " + log);
    }
}
