package dev.steward.jobs.update;

import dev.steward.common.event.Topics;
import dev.steward.jobs.JobsServiceProcess;
import dev.steward.jobs.TestNodeAgent;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import dev.steward.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jobs-service as a real process, killed with SIGKILL in the middle of an update rollout and
 * started again: the accepted job finishes, its log says it was resumed, and its events arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateSurvivesKillIT {

    private JobsServiceProcess jobs;
    private TestNodeAgent agent;

    @BeforeAll
    void start() throws Exception {
        agent = new TestNodeAgent();
        jobs = new JobsServiceProcess("kill", TestInfrastructure.get().kafka(), UpdatePackageTest.KEY);
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
    }

    /** Announces {@code count} new nodes to jobs-service through cluster's topic and waits until it knows them. */
    static List<String> connectNodes(JobsServiceProcess jobs, TestNodeAgent agent, int count) {
        KafkaAccess kafka = agent.kafka();
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(agent.newNode());
            KafkaTestClient.send(kafka, "cluster", Topics.CLUSTER_EVENTS, nodes.get(i),
                    TestEvents.nodeConnected(UUID.randomUUID().toString(), nodes.get(i), "10.8.0." + (i + 1) + ":3901", OffsetDateTime.now()));
        }
        String nodeList = String.join(",", nodes);
        Eventually.await(Duration.ofSeconds(60), () -> jobs.query("SELECT count(*) FROM known_node WHERE node_id = ANY(string_to_array(?, ','))",
                nodeList), String.valueOf(count)::equals, "jobs-service to learn the test nodes");
        return nodes;
    }

    static String status(JobsServiceProcess jobs, String jobId) {
        return jobs.query("SELECT status FROM job WHERE id = CAST(? AS uuid)", jobId);
    }

    @Test
    void anUpdateAcceptedBeforeAKillFinishesAfterTheRestart() throws Exception {
        connectNodes(jobs, agent, 3);

        HttpResponse<String> accepted = jobs.postUpdate(
                UpdateIntegrationTest.updatePackage(UpdatePackageTest.KEY, "{\"version\":\"7.0.0\",\"builddate\":\"1795400000\"}"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = jobs.query("SELECT id FROM job WHERE kind = 'update' ORDER BY created_at DESC LIMIT 1", null);

        agent.reply(agent.nextTask(jobId, Duration.ofSeconds(30)).orElseThrow(), "success", "installed");
        TestNodeAgent.Task second = agent.nextTask(jobId, Duration.ofSeconds(30)).orElseThrow();

        jobs.kill();
        assertEquals("running", status(jobs, jobId));
        agent.reply(second, "success", "installed while jobs-service was down");
        jobs.start();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String status = "running";
        while ("running".equals(status) && Instant.now().isBefore(deadline)) {
            agent.nextTask(jobId, Duration.ofSeconds(1)).ifPresent(task -> agent.reply(task, "success", "installed"));
            status = status(jobs, jobId);
        }
        assertEquals("success", status);
        assertEquals("7.0.0", jobs.query("SELECT version FROM system_release WHERE id = 1", null));
        assertEquals("1", jobs.query("SELECT count(*) FROM job_log WHERE job_id = CAST(? AS uuid) AND line LIKE '%Resuming%'", jobId),
                "the job's log says it was taken over after the kill");
        List<String> events = KafkaTestClient.readUntil(Topics.JOBS_EVENTS, value -> value.contains("\"job/" + jobId + "\""),
                found -> found.stream().anyMatch(event -> event.contains("JobSucceeded")), Duration.ofSeconds(30));
        assertTrue(events.get(0).contains("JobAccepted"), events.get(0));
        assertTrue(events.stream().anyMatch(event -> event.contains("JobSucceeded")), "the job's end was published: " + events);
        long nodesReported = events.stream().filter(event -> event.contains("JobProgressed")).map(event -> event.replaceAll(".*\"node\":\"([0-9a-f]+)\".*", "$1"))
                .distinct().count();
        assertTrue(nodesReported >= 3, "a progress event for every node, across the kill: " + nodesReported);
    }
}
