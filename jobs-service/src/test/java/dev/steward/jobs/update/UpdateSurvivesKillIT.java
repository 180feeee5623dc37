package dev.steward.jobs.update;

import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.jobs.TestNodeAgent;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import dev.steward.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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

    private static final String SECRET = "kill-test-internal-jwt-secret-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestInfrastructure infra = TestInfrastructure.get();
    private final Path logFile = Path.of("target", "e2e-logs", "jobs-kill.log");
    private String databaseUrl;
    private int port;
    private Process jobs;
    private TestNodeAgent agent;

    @BeforeAll
    void start() throws Exception {
        databaseUrl = infra.createDatabase("jobs_kill");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(logFile.getParent());
        agent = new TestNodeAgent();
        jobs = launch();
    }

    @AfterAll
    void stop() {
        if (jobs != null) {
            jobs.destroy();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private Process launch() throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches("jobs-service-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jobs-service-*-all.jar in target: run ./mvnw verify"));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        builder.environment().put("JOBS_PORT", String.valueOf(port));
        builder.environment().put("DATASOURCES_DEFAULT_URL", databaseUrl);
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", infra.user());
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", infra.password());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        builder.environment().put("STEWARD_INTERNAL_JWT_SECRET", SECRET);
        builder.environment().put("STEWARD_UPDATE_KEY", Base64.getEncoder().encodeToString(UpdatePackageTest.KEY));
        builder.environment().put("STEWARD_JOBS_LEASE", "3s");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("jobs-service exited during start-up; see " + logFile.toAbsolutePath());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url("/health/readiness"))).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("jobs-service not ready in 120 s; see " + logFile.toAbsolutePath());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String adminToken() {
        return new InternalTokenIssuer(SECRET, Duration.ofSeconds(60)).issue("token:kill-test", List.of(InternalClaims.ROLE_ADMIN),
                List.of("*"), "jidoteki-token", "192.0.2.50");
    }

    private String query(String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, infra.user(), infra.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUpdateAcceptedBeforeAKillFinishesAfterTheRestart() throws Exception {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] id = new byte[32];
            new SecureRandom().nextBytes(id);
            nodes.add(HexFormat.of().formatHex(id));
            KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodes.get(i),
                    TestEvents.nodeConnected(UUID.randomUUID().toString(), nodes.get(i), "10.8.0." + (i + 1) + ":3901", OffsetDateTime.now()));
        }
        String nodeList = String.join(",", nodes);
        Eventually.await(Duration.ofSeconds(60), () -> query("SELECT count(*) FROM known_node WHERE node_id = ANY(string_to_array(?, ','))", nodeList),
                "3"::equals, "jobs-service to learn the test nodes");

        byte[] update = UpdateIntegrationTest.updatePackage(UpdatePackageTest.KEY, "{\"version\":\"7.0.0\",\"builddate\":\"1795400000\"}");
        String boundary = "kill-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"update\"; filename=\"update.enc\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + update.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(update, 0, body, head.length, update.length);
        System.arraycopy(tail, 0, body, head.length + update.length, tail.length);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/admin/update")))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = query("SELECT id FROM job WHERE kind = 'update' ORDER BY created_at DESC LIMIT 1", null);

        agent.reply(agent.nextTask(jobId, Duration.ofSeconds(30)).orElseThrow(), "success", "installed");
        TestNodeAgent.Task second = agent.nextTask(jobId, Duration.ofSeconds(30)).orElseThrow();

        jobs.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no chance to tidy up
        assertEquals("running", query("SELECT status FROM job WHERE id = CAST(? AS uuid)", jobId));
        agent.reply(second, "success", "installed while jobs-service was down");
        jobs = launch();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String status = "running";
        while ("running".equals(status) && Instant.now().isBefore(deadline)) {
            agent.nextTask(jobId, Duration.ofSeconds(1)).ifPresent(task -> agent.reply(task, "success", "installed"));
            status = query("SELECT status FROM job WHERE id = CAST(? AS uuid)", jobId);
        }
        assertEquals("success", status);
        assertEquals("7.0.0", query("SELECT version FROM system_release WHERE id = 1", null));
        assertEquals("1", query("SELECT count(*) FROM job_log WHERE job_id = CAST(? AS uuid) AND line LIKE '%Resuming%'", jobId),
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
