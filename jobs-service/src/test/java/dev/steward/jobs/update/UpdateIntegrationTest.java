package dev.steward.jobs.update;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.jobs.TestNodeAgent;
import dev.steward.jobs.node.KnownNodeRepository;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jidoteki /update against real PostgreSQL and Kafka: the package checks with their error codes,
 * and a rollout whose node tasks travel on Kafka to a test agent and back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdateIntegrationTest extends AbstractJobsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    KnownNodeRepository knownNodes;

    private TestNodeAgent agent;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.jobs.update-key", Base64.getEncoder().encodeToString(UpdatePackageTest.KEY));
        return properties;
    }

    @BeforeAll
    void startAgentAndNodes() {
        agent = new TestNodeAgent();
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String nodeId = agent.newNode();
            nodes.add(nodeId);
            KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId,
                    TestEvents.nodeConnected(UUID.randomUUID().toString(), nodeId, "10.7.0." + (i + 1) + ":3901", OffsetDateTime.now()));
        }
        Eventually.await(Duration.ofSeconds(30), () -> nodes.stream().allMatch(knownNodes::existsById), known -> known,
                "jobs-service to learn the test nodes from cluster events");
    }

    @AfterAll
    void stopAgent() {
        agent.close();
    }

    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.30"));
    }

    private Map<?, ?> get(String path) {
        return http.toBlocking().retrieve(admin(HttpRequest.GET(path)), Map.class);
    }

    private HttpResponse<Map> post(byte[] update) {
        MultipartBody.Builder body = MultipartBody.builder().addPart("note", "x");
        if (update != null) {
            body.addPart("update", "package.enc", MediaType.APPLICATION_OCTET_STREAM_TYPE, update);
        }
        return http.toBlocking().exchange(admin(HttpRequest.POST("/api/v1/admin/update", body.build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
    }

    /** Random, so the zip cannot shrink it: about 1.6 MB in the package. */
    private static final String PAYLOAD = randomText(1_600_000);

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        new java.util.Random(15).nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    static byte[] updatePackage(byte[] key, String manifest) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("manifest.json", manifest);
        entries.put("CHANGELOG.md", "# Changelog\n\n## " + manifest.hashCode() + "\n\n  * test release\n");
        // Over Micronaut's default 1 MB multipart limit once sealed (issue 15: 1.5 MB was refused with 413).
        entries.put("payload/steward.tar", PAYLOAD);
        return UpdatePackage.seal(key, dev.steward.testing.Zips.of(entries));
    }

    private String currentVersion() {
        return (String) get("/api/v1/admin/version").get("version");
    }

    /** The next version: one more in the first number, so "newer" is never in doubt. */
    private String nextVersion() {
        return (Integer.parseInt(currentVersion().split("\\.")[0]) + 1) + ".0.0";
    }

    private String latestUpdateId() {
        List<Map> jobs = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/jobs?kind=update&limit=1")), Argument.listOf(Map.class));
        return (String) jobs.get(0).get("id");
    }

    private Map<?, ?> waitForEnd(String jobId) {
        return Eventually.await(Duration.ofSeconds(60), () -> get("/steward/v1/jobs/" + jobId), job -> !"running".equals(job.get("status")),
                "job " + jobId + " to end");
    }

    @Test
    @Order(1)
    void badPackagesAreRefusedWithTheirErrorCodesAndChangeNothing() {
        String before = currentVersion();
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("E1003", null);
        cases.put("E1005", "not a package".getBytes());
        cases.put("E1005 ", updatePackage(UpdatePackageTest.key(), "{\"version\":\"99.0\",\"builddate\":\"1\"}"));
        cases.put("E1001", updatePackage(UpdatePackageTest.KEY, "{\"version\":\"0.0.1\",\"builddate\":\"1\"}"));
        cases.put("E1001 ", updatePackage(UpdatePackageTest.KEY, "{\"version\":\"99.0\",\"requires\":\"98.0\",\"builddate\":\"1\"}"));
        cases.put("E1001  ", updatePackage(UpdatePackageTest.KEY, "{\"version\":\"latest\",\"builddate\":\"1\"}"));
        cases.forEach((label, update) -> {
            String code = label.strip();
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> post(update));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), label);
            Map<?, ?> problem = refused.getResponse().getBody(Map.class).orElseThrow();
            assertEquals(code, problem.get("error-code"), label + ": " + problem);
            Map<?, ?> status = get("/api/v1/admin/update");
            assertEquals("failed", status.get("status"), "GET /update shows the refusal, as Jidoteki does");
            assertEquals(code, status.get("error-code"));
            assertNotNull(status.get("error-message"));
        });
        assertEquals(before, currentVersion());
        String log = http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/update/log")), String.class);
        assertTrue(log.matches("(?s)\\[\\d+]\\[SYSTEM] Updating system\\. Please wait\\.\\.\n.*Failed: .*"), log);
    }

    @Test
    @Order(2)
    void anUpdateRollsOutOneNodeAtATimeAndThenChangesTheVersion() {
        String version = nextVersion();
        byte[] update = updatePackage(UpdatePackageTest.KEY, "{\"version\":\"" + version + "\",\"builddate\":\"1795392000\"}");
        assertTrue(update.length > 1_500_000, update.length + " bytes");
        HttpResponse<Map> accepted = post(update);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        assertEquals(Map.of("Status", "202 Accepted", "Location", "/api/v1/admin/update"), accepted.body());
        String jobId = latestUpdateId();

        TestNodeAgent.Task first = agent.nextTask(jobId, Duration.ofSeconds(30)).orElseThrow();
        assertEquals("update", first.action());
        assertEquals(version, first.parameters().get("version"));
        byte[] downloaded = http.toBlocking().retrieve(admin(HttpRequest.GET((String) first.parameters().get("package"))), byte[].class);
        assertArrayEquals(update, downloaded, "the agent downloads the package it was told about");

        // While it runs, no other exclusive job starts.
        HttpClientResponseException busy = assertThrows(HttpClientResponseException.class, () -> post(update));
        assertEquals("E1004", busy.getResponse().getBody(Map.class).orElseThrow().get("error-code"));
        HttpClientResponseException noReboot = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(admin(HttpRequest.GET("/api/v1/admin/reboot"))));
        assertEquals(HttpStatus.BAD_REQUEST, noReboot.getStatus());
        // Without a package too: busy is the answer (E1004, not E1003), whatever the request lacks.
        for (int i = 0; i < 20; i++) {
            HttpClientResponseException empty = assertThrows(HttpClientResponseException.class, () -> post(null));
            assertEquals("E1004", empty.getResponse().getBody(Map.class).orElseThrow().get("error-code"), "round " + i);
        }
        String runningLog = http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/update/log")), String.class);
        assertTrue(runningLog.contains("to " + version) && !runningLog.contains("Failed:"), "the log is the running update's: " + runningLog);
        Map<?, ?> running = get("/api/v1/admin/update");
        assertEquals("running", running.get("status"), "the refused request does not replace the running job's status");
        assertEquals(0, ((Number) running.get("percentage")).intValue());

        agent.reply(first, "success", "installed");
        for (int answered = 1; ; answered++) {
            var next = agent.nextTask(jobId, Duration.ofSeconds(5));
            if (next.isEmpty()) {
                break;
            }
            assertEquals(answered * 100 / ((List<?>) get("/steward/v1/jobs/" + jobId).get("tasks")).size(),
                    ((Number) get("/api/v1/admin/update").get("percentage")).intValue(), "percentage = nodes done / nodes");
            agent.reply(next.get(), "success", "installed");
        }
        Map<?, ?> job = waitForEnd(jobId);
        assertEquals("success", job.get("status"), job.toString());
        Map<?, ?> status = get("/api/v1/admin/update");
        assertEquals("success", status.get("status"));
        assertEquals(100, ((Number) status.get("percentage")).intValue());
        assertFalse(status.containsKey("error-code"));
        assertEquals(version, currentVersion());
        assertEquals(Map.of("builddate", "1795392000"), get("/api/v1/admin/build"));
        assertTrue(http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/changelog")), String.class).contains("test release"));

        // One node at a time: each node was asked only after the previous one had answered.
        List<?> tasks = (List<?>) job.get("tasks");
        assertTrue(tasks.size() >= 2, "the rollout covered the known nodes: " + tasks);
        for (int i = 1; i < tasks.size(); i++) {
            Instant previousEnd = Instant.parse((String) ((Map<?, ?>) tasks.get(i - 1)).get("finishedAt"));
            Instant sent = Instant.parse((String) ((Map<?, ?>) tasks.get(i)).get("sentAt"));
            assertFalse(sent.isBefore(previousEnd), "task " + i + " was sent before task " + (i - 1) + " ended");
        }
        List<String> events = KafkaTestClient.readUntil(Topics.JOBS_EVENTS, value -> value.contains("\"job/" + jobId + "\""),
                found -> found.stream().anyMatch(event -> event.contains("JobSucceeded")), Duration.ofSeconds(20));
        assertTrue(events.get(0).contains("dev.steward.jobs.JobAccepted.v1"), events.get(0));
        assertEquals(tasks.size(), events.stream().filter(event -> event.contains("JobProgressed")).count(), "one progress event per node");
        assertTrue(events.get(events.size() - 1).contains("\"percentage\":100"), events.get(events.size() - 1));
    }

    @Test
    @Order(3)
    void aNodeThatFailsFailsTheUpdateWithE1002AndTheVersionStays() {
        String before = currentVersion();
        post(updatePackage(UpdatePackageTest.KEY, "{\"version\":\"" + nextVersion() + "\",\"builddate\":\"1795392001\"}"));
        String jobId = latestUpdateId();
        agent.reply(agent.nextTask(jobId, Duration.ofSeconds(30)).orElseThrow(), "failed", "disk full");
        Map<?, ?> job = waitForEnd(jobId);
        assertEquals("failed", job.get("status"));
        Map<?, ?> status = get("/api/v1/admin/update");
        assertEquals("E1002", status.get("error-code"));
        assertTrue(status.get("log").toString().contains("disk full"), status.toString());
        assertEquals(before, currentVersion());
        assertTrue(Arrays.asList("pending").contains(((Map<?, ?>) ((List<?>) job.get("tasks")).get(1)).get("status")),
                "the nodes after the failed one were never asked");
    }
}
