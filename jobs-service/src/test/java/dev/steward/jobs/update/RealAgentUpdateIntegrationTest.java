package dev.steward.jobs.update;

import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.common.security.Role;
import dev.steward.jobs.AbstractJobsTest;
import dev.steward.jobs.node.KnownNodeRepository;
import dev.steward.testing.Eventually;
import dev.steward.testing.NodeAgentProcess;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Updates installed by three real node-agent processes: each downloads the sealed package from
 * jobs-service with its own credential, checks and installs it, and reports on Kafka. The nodes'
 * {@code current} links are read from their data directories.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealAgentUpdateIntegrationTest extends AbstractJobsTest {

    /** A package's check: refuses on a node whose data directory holds {@code fail-check}; waits on one with {@code slow-check}. */
    private static final String CHECK = """
            touch "$STEWARD_AGENT_DATA/check-started"
            if [ -f "$STEWARD_AGENT_DATA/slow-check" ]; then sleep 60; fi
            if [ -f "$STEWARD_AGENT_DATA/fail-check" ]; then echo "check: this node's disks are not ready"; exit 4; fi
            echo "check: ok"
            """;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    KnownNodeRepository knownNodes;

    @Inject
    EmbeddedServer server;

    /** In node-id order, the order of the rollout. */
    private final List<NodeAgentProcess> agents = new ArrayList<>();
    private final Map<String, String> agentEnvironment = new HashMap<>();

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.jobs.update-key", Base64.getEncoder().encodeToString(UpdatePackageTest.KEY));
        properties.put("steward.jobs.timeouts.node-task", "15s");
        // the agents' download credential outlives the test (services take internal JWTs from the gateway)
        properties.put("steward.internal-jwt.lifetime", "1h");
        return properties;
    }

    @BeforeAll
    void startAgents() throws Exception {
        agentEnvironment.put("STEWARD_AGENT_GATEWAY", server.getURL().toString());
        agentEnvironment.put("STEWARD_AGENT_TOKEN", tokens.issue("token:node-agents", Role.AUDITOR, List.of("nodes:read"), "garage-bearer", null));
        agentEnvironment.put("STEWARD_UPDATE_KEY", Base64.getEncoder().encodeToString(UpdatePackageTest.KEY));
        agentEnvironment.put("STEWARD_AGENT_CHECK_TIMEOUT", "2m");
        for (int i = 0; i < 3; i++) {
            agents.add(NodeAgentProcess.start(Files.createTempDirectory("steward-agent-"), agentEnvironment));
        }
        agents.sort(Comparator.comparing(NodeAgentProcess::nodeId));
        announce(knownNodes, agents);
    }

    @AfterAll
    void stopAgents() {
        agents.forEach(agent -> {
            agent.close();
            knownNodes.deleteById(agent.nodeId());
        });
    }

    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.30"));
    }

    private Map<?, ?> get(String path) {
        return http.toBlocking().retrieve(admin(HttpRequest.GET(path)), Map.class);
    }

    /** Starts an update to the next version; its package carries {@link #CHECK}. */
    private String update(String version) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("manifest.json", "{\"version\":\"" + version + "\",\"builddate\":\"1795392000\"}");
        entries.put("check.sh", CHECK);
        entries.put("payload/release.txt", "release " + version + "\n");
        byte[] sealed = UpdatePackage.seal(UpdatePackageTest.KEY, dev.steward.testing.Zips.of(entries));
        keepOnly(knownNodes, agents.stream().map(NodeAgentProcess::nodeId).toList());
        HttpResponse<Map> accepted = http.toBlocking().exchange(admin(HttpRequest.POST("/api/v1/admin/update",
                MultipartBody.builder().addPart("update", "package.enc", MediaType.APPLICATION_OCTET_STREAM_TYPE, sealed).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        List<Map> jobs = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/jobs?kind=update&limit=1")), Argument.listOf(Map.class));
        return (String) jobs.get(0).get("id");
    }

    private Map<?, ?> waitForEnd(String jobId) {
        return Eventually.await(Duration.ofSeconds(90), () -> get("/steward/v1/jobs/" + jobId), job -> !"running".equals(job.get("status")),
                "update " + jobId + " to end");
    }

    private String nextVersion() {
        String installed = (String) get("/api/v1/admin/version").get("version");
        return (Integer.parseInt(installed.split("\\.")[0]) + 1) + ".0.0";
    }

    /** What the node's {@code current} link names, or null; and that the release it names is whole. */
    private static String current(NodeAgentProcess agent) {
        Path link = agent.dataDir().resolve("current");
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        try {
            String version = Files.readSymbolicLink(link).getFileName().toString();
            assertEquals("release " + version + "\n", Files.readString(link.resolve("payload/release.txt")),
                    "the current release of " + agent.nodeId() + " is whole");
            return version;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void everyAgentInstallsThePackageAndTheVersionChanges() throws Exception {
        String version = nextVersion();
        Map<?, ?> job = waitForEnd(update(version));
        assertEquals("success", job.get("status"), String.valueOf(job));
        for (NodeAgentProcess agent : agents) {
            assertEquals(version, current(agent), agent.nodeId());
        }
        List<?> tasks = (List<?>) job.get("tasks");
        assertEquals(3, tasks.size());
        tasks.forEach(task -> assertTrue(String.valueOf(((Map<?, ?>) task).get("message")).startsWith("installed " + version + " (was "),
                String.valueOf(task)));
        assertEquals(version, get("/api/v1/admin/version").get("version"));
    }

    @Test
    @Order(2)
    void aFailingCheckOnTheLastNodeFailsTheJobWithE1000NamingItAndLeavesItOnItsRelease() throws Exception {
        NodeAgentProcess last = agents.get(2);
        String before = current(last);
        String installed = (String) get("/api/v1/admin/version").get("version");
        Files.createFile(last.dataDir().resolve("fail-check"));
        try {
            String version = nextVersion();
            Map<?, ?> job = waitForEnd(update(version));
            assertEquals("failed", job.get("status"));
            assertEquals("E1000", job.get("errorCode"), String.valueOf(job));
            assertEquals("There was a scripting error in the update script.", job.get("errorMessage"));
            List<?> log = (List<?>) job.get("log");
            String all = String.join("\n", log.stream().map(String::valueOf).toList());
            assertTrue(all.contains("node " + last.nodeId().substring(0, 16) + ": check: this node's disks are not ready"), all);
            assertTrue(all.contains("Failed updating node " + last.nodeId() + ": the package's check.sh failed with exit code 4; staying on "
                    + before), all);
            Map<?, ?> lastTask = (Map<?, ?>) ((List<?>) job.get("tasks")).get(2);
            assertEquals("E1000", lastTask.get("errorCode"));
            assertEquals(version, current(agents.get(0)), "the nodes before it were updated");
            assertEquals(version, current(agents.get(1)));
            assertEquals(before, current(last), "the failing node stays on its release");
            Map<?, ?> status = get("/api/v1/admin/update");
            assertEquals("E1000", status.get("error-code"));
            assertEquals(installed, get("/api/v1/admin/version").get("version"), "the system's version stays");
        } finally {
            Files.delete(last.dataDir().resolve("fail-check"));
        }
    }

    /**
     * kill -9 of the first node's agent while its check runs: the node is left on its old release
     * (the switch had not happened), the job fails that node once its task times out, and the
     * restarted agent carries the task out on a whole release.
     */
    @Test
    @Order(3)
    void anAgentKilledMidUpdateLeavesAWholeReleaseAndTheJobFailsThatNode() throws Exception {
        NodeAgentProcess first = agents.get(0);
        String before = current(first);
        Files.deleteIfExists(first.dataDir().resolve("check-started"));
        Files.createFile(first.dataDir().resolve("slow-check"));
        // not the version the failed update of the test before left on the first two nodes
        String version = nextVersion().replace(".0.0", ".1.0");
        String jobId = update(version);
        Eventually.await(Duration.ofSeconds(30), () -> Files.exists(first.dataDir().resolve("check-started")), started -> started,
                "the first node's check to start");
        first.kill();
        assertEquals(before, current(first), "killed before the switch: still on the old release, whole");
        Map<?, ?> job = waitForEnd(jobId);
        assertEquals("failed", job.get("status"));
        assertEquals("E1002", job.get("errorCode"));
        String all = String.join("\n", ((List<?>) job.get("log")).stream().map(String::valueOf).toList());
        assertTrue(all.contains("Failed updating node " + first.nodeId() + ": the node's agent sent no result within 15 s"), all);
        assertEquals(before, current(agents.get(1)), "later nodes were never asked");

        Files.delete(first.dataDir().resolve("slow-check"));
        NodeAgentProcess restarted = NodeAgentProcess.start(first.dataDir(), agentEnvironment);
        agents.set(0, restarted);
        assertEquals(first.nodeId(), restarted.nodeId());
        // The task was not acknowledged, so the restarted agent does it again; the job has ended and ignores its result.
        Eventually.await(Duration.ofSeconds(60), () -> current(restarted), version::equals, "the restarted agent to finish the task");
        assertNotEquals("success", get("/steward/v1/jobs/" + jobId).get("status"));
        assertFalse(Files.exists(first.dataDir().resolve("versions/.incoming-" + version)));
    }
}
