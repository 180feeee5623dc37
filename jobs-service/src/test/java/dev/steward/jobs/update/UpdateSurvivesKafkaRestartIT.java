package dev.steward.jobs.update;

import dev.steward.common.event.Topics;
import dev.steward.jobs.JobsServiceProcess;
import dev.steward.jobs.OwnKafkaBroker;
import dev.steward.jobs.TestNodeAgent;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker under jobs-service is killed (SIGKILL) twice during one update: before the job is even
 * accepted, and between two node tasks. The 202 does not depend on Kafka, nothing the job published
 * is lost, and the rollout finishes once the broker is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateSurvivesKafkaRestartIT {

    private OwnKafkaBroker broker;
    private KafkaAccess kafka;
    private JobsServiceProcess jobs;
    private TestNodeAgent agent;

    @BeforeAll
    void start() throws Exception {
        broker = new OwnKafkaBroker(Path.of("target", "kafka-restart-broker"));
        kafka = broker.start();
        agent = new TestNodeAgent(kafka);
        jobs = new JobsServiceProcess("kafka-restart", kafka, UpdatePackageTest.KEY);
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

    private String unpublished(String jobId) {
        return jobs.query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND payload LIKE ?", "%" + jobId + "%");
    }

    /** Kills the broker, keeps it down for a while, and starts the same broker again (same port, same data). */
    private void restartBroker(Duration down) throws InterruptedException {
        broker.kill();
        Thread.sleep(down.toMillis());
        assertEquals(kafka, broker.start(), "the broker comes back where clients expect it, with the same principals");
    }

    @Test
    void anUpdateAcceptedWhileKafkaIsDownAndRolledOutAcrossAKafkaKillFinishes() throws Exception {
        UpdateSurvivesKillIT.connectNodes(jobs, agent, 3);

        broker.kill();
        HttpResponse<String> accepted = jobs.postUpdate(
                UpdateIntegrationTest.updatePackage(UpdatePackageTest.KEY, "{\"version\":\"8.0.0\",\"builddate\":\"1795500000\"}"));
        assertEquals(202, accepted.statusCode(), "a job is accepted without Kafka: " + accepted.body());
        String jobId = jobs.query("SELECT id FROM job WHERE kind = 'update' ORDER BY created_at DESC LIMIT 1", null);
        Eventually.await(Duration.ofSeconds(20), () -> unpublished(jobId), count -> Integer.parseInt(count) >= 2,
                "the acceptance and the first node task to wait in the outbox while Kafka is down");
        Thread.sleep(2000);
        assertEquals(kafka, broker.start());

        agent.reply(agent.nextTask(jobId, Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError(
                "the first node task never reached the agent after the broker came back; see " + jobs.logFile())), "success", "installed");
        TestNodeAgent.Task second = agent.nextTask(jobId, Duration.ofSeconds(60)).orElseThrow();
        restartBroker(Duration.ofSeconds(3));
        agent.reply(second, "success", "installed across the broker's restart");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        String status = "running";
        while ("running".equals(status) && Instant.now().isBefore(deadline)) {
            agent.nextTask(jobId, Duration.ofSeconds(1)).ifPresent(task -> agent.reply(task, "success", "installed"));
            status = UpdateSurvivesKillIT.status(jobs, jobId);
        }
        assertEquals("success", status, "see " + jobs.logFile());
        assertEquals("8.0.0", jobs.query("SELECT version FROM system_release WHERE id = 1", null));
        assertEquals(3, agent.tasksOf(jobId).stream().map(TestNodeAgent.Task::nodeId).distinct().count(), "one task per node");

        List<String> events = KafkaTestClient.readUntil(kafka, Topics.JOBS_EVENTS, value -> value.contains("\"job/" + jobId + "\""),
                found -> found.stream().anyMatch(event -> event.contains("JobSucceeded")), Duration.ofSeconds(60));
        assertTrue(events.get(0).contains("JobAccepted"), "the acceptance made while Kafka was down arrives first: " + events.get(0));
        assertTrue(events.stream().anyMatch(event -> event.contains("JobSucceeded")), "the job's end was published: " + events);
        Set<String> nodesReported = events.stream().filter(event -> event.contains("JobProgressed") && event.contains("\"node\":\""))
                .map(event -> event.replaceAll(".*\"node\":\"([0-9a-f]+)\".*", "$1")).collect(Collectors.toSet());
        assertEquals(3, nodesReported.size(), "a progress event for every node, across both kills: " + events);
        Eventually.await(Duration.ofSeconds(20), () -> unpublished(jobId), "0"::equals, "the outbox to drain");
    }
}
