package dev.steward.cluster.node;

import dev.steward.cluster.status.ClusterStatus;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.NodeAgentProcess;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.steward.cluster.ClusterTestSupport.asAdmin;
import static dev.steward.cluster.ClusterTestSupport.getAsAdmin;
import static dev.steward.cluster.ClusterTestSupport.randomNodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known nodes without a role that are not seen for forget-after are forgotten; beating nodes and nodes with roles stay. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeExpiryIntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    NodeRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ServiceTestProperties.forService("cluster"));
        properties.put("steward.cluster.connect.forget-after", "3s");
        properties.put("steward.cluster.connect.expiry-check", "500ms");
        return properties;
    }

    private Map<String, ClusterStatus.KnownNode> known() {
        return http.toBlocking().retrieve(getAsAdmin("/v0/status", tokens), ClusterStatus.class).knownNodes();
    }

    @Test
    void aSilentNodeWithoutARoleIsForgottenAndTheOthersStay() throws Exception {
        String withRole = randomNodeId();
        registry.register(List.of(new NodeAddress(withRole, "10.2.0.1:3901")), Instant.now(), Actor.system("test"));
        http.toBlocking().exchange(asAdmin(HttpRequest.POST("/v0/layout", Map.of(withRole, Map.of("zone", "dc1", "capacity", 1, "tags", List.of()))), tokens));

        try (NodeAgentProcess alive = NodeAgentProcess.start(); NodeAgentProcess dying = NodeAgentProcess.start()) {
            List<Map> results = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/connect", List.of(alive.spec(), dying.spec())), tokens),
                    io.micronaut.core.type.Argument.listOf(Map.class));
            assertEquals(2, results.stream().filter(result -> Boolean.TRUE.equals(result.get("success"))).count(), results.toString());
            dying.kill();

            Eventually.await(Duration.ofSeconds(30), () -> known().containsKey(dying.nodeId()), present -> !present,
                    "the killed agent's node to be forgotten");
            Map<String, ClusterStatus.KnownNode> after = known();
            assertTrue(after.containsKey(alive.nodeId()), "a node that beats is kept");
            assertTrue(after.containsKey(withRole), "a node with a (staged) role is never forgotten by time, even unseen");

            List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS,
                    value -> value.contains(dying.nodeId()) && value.contains("NodeForgotten"), found -> !found.isEmpty(), Duration.ofSeconds(10));
            assertTrue(events.get(0).contains("\"reason\":\"expired\""), events.get(0));
        }
    }
}
