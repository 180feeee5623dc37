package dev.steward.jobs.reboot;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.common.security.Role;
import dev.steward.jobs.node.KnownNodeRepository;
import dev.steward.testing.Eventually;
import dev.steward.testing.NodeAgentProcess;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rolling reboot carried out by real node-agent processes: each restarts the storage process it supervises. */
class RealAgentRebootIntegrationTest extends AbstractJobsTest {

    private static final Pattern RESTARTED = Pattern.compile("storage process restarted \\(pid (\\d+) -> (\\d+)\\)");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    KnownNodeRepository knownNodes;

    private final List<NodeAgentProcess> agents = new ArrayList<>();

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.jobs.backup.services", "jobs");
        return properties;
    }

    @BeforeAll
    void startAgents() throws Exception {
        for (int i = 0; i < 2; i++) {
            NodeAgentProcess agent = NodeAgentProcess.start();
            agents.add(agent);
        }
        announce(knownNodes, agents);
    }

    @AfterAll
    void stopAgents() {
        agents.forEach(NodeAgentProcess::close);
    }

    @Test
    void everyAgentRestartsItsStorageProcessOneAfterTheOther() {
        keepOnly(knownNodes, agents.stream().map(NodeAgentProcess::nodeId).toList());
        HttpResponse<Map> accepted = http.toBlocking().exchange(HttpRequest.GET("/api/v1/admin/reboot")
                .bearerAuth(tokens.issue("token:test-operator", Role.OPERATOR, List.of("*"), "jidoteki-token", "192.0.2.41")), Map.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        String location = accepted.header("Location");
        Map<?, ?> job = Eventually.await(Duration.ofSeconds(60), () -> http.toBlocking().retrieve(HttpRequest.GET(location)
                        .bearerAuth(tokens.issue("token:test-operator", Role.OPERATOR, List.of("*"), "jidoteki-token", "192.0.2.41")), Map.class),
                found -> !"running".equals(found.get("status")), "the reboot to end");
        assertEquals("success", job.get("status"), String.valueOf(job));
        List<?> tasks = (List<?>) job.get("tasks");
        assertEquals(agents.size(), tasks.size(), String.valueOf(tasks));
        for (Object entry : tasks) {
            Map<?, ?> task = (Map<?, ?>) entry;
            assertEquals("success", task.get("status"), String.valueOf(task));
            Matcher restarted = RESTARTED.matcher(String.valueOf(task.get("message")));
            assertTrue(restarted.find(), String.valueOf(task));
            assertTrue(Long.parseLong(restarted.group(1)) > 0, "a running storage process was stopped: " + task);
            assertNotEquals(restarted.group(1), restarted.group(2), "and a new one started: " + task);
        }
    }
}
