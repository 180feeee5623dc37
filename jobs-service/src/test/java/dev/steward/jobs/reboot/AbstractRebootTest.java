package dev.steward.jobs.reboot;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.common.security.Role;
import dev.steward.jobs.TestNodeAgent;
import dev.steward.jobs.node.KnownNodeRepository;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jidoteki /reboot against real PostgreSQL and Kafka, one known node played by {@link TestNodeAgent}. */
abstract class AbstractRebootTest extends AbstractJobsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    KnownNodeRepository knownNodes;

    TestNodeAgent agent;
    String nodeId;

    /** The services whose data the backup needs, and how long it waits for them. */
    abstract Map<String, String> backupProperties();

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(backupProperties());
        return properties;
    }

    @BeforeAll
    void startAgentAndNode() {
        agent = new TestNodeAgent();
        nodeId = agent.newNode();
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId,
                TestEvents.nodeConnected(UUID.randomUUID().toString(), nodeId, "10.9.0.1:3901", OffsetDateTime.now()));
        Eventually.await(Duration.ofSeconds(30), () -> knownNodes.existsById(nodeId), known -> known, "jobs-service to learn node " + nodeId);
    }

    @AfterAll
    void stopAgent() {
        agent.close();
    }

    <T> MutableHttpRequest<T> operator(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-operator", Role.OPERATOR, List.of("*"), "jidoteki-token", "192.0.2.40"));
    }

    Map<?, ?> get(String path) {
        return http.toBlocking().retrieve(operator(HttpRequest.GET(path)), Map.class);
    }

    /**
     * GET /reboot, answered 202 at once; the reboot job's id from its Location. Nodes other test
     * classes announced on the shared topic (with nobody to answer their tasks) are dropped first,
     * so the reboot's only node is this class's.
     */
    String reboot() {
        keepOnly(knownNodes, java.util.Set.of(nodeId));
        HttpResponse<Map> accepted = http.toBlocking().exchange(operator(HttpRequest.GET("/api/v1/admin/reboot")), Map.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        String location = accepted.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    Map<?, ?> job(String id) {
        return get("/steward/v1/jobs/" + id);
    }

    Map<?, ?> awaitEnd(String id) {
        return Eventually.await(Duration.ofSeconds(60), () -> job(id), job -> !"running".equals(job.get("status")), "job " + id + " to end");
    }
}
