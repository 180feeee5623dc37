package dev.steward.cluster.node;

import dev.steward.cluster.status.ClusterStatus;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.OutboxRepository;
import dev.steward.common.security.InternalJwtKeys;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.steward.cluster.ClusterTestSupport.asAdmin;
import static dev.steward.cluster.ClusterTestSupport.getAsAdmin;
import static dev.steward.cluster.ClusterTestSupport.randomNodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeConnectIntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    NodeRepository nodes;

    @Inject
    NodeService nodeService;

    @Inject
    OutboxRepository outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("cluster");
    }

    @Test
    void connectRegistersNodesAndPublishesOneEventPerNode() throws Exception {
        String nodeId = randomNodeId();
        List<Map> results = http.toBlocking().retrieve(
                asAdmin(HttpRequest.POST("/v0/connect", List.of(nodeId + "@10.0.0.11:3901", "not-a-node")), tokens),
                io.micronaut.core.type.Argument.listOf(Map.class));

        assertEquals(2, results.size());
        assertEquals(true, results.get(0).get("success"));
        assertNull(results.get(0).get("error"));
        assertEquals(false, results.get(1).get("success"));
        assertTrue(results.get(1).get("error").toString().startsWith("Invalid node specification"));

        ClusterStatus status = http.toBlocking().retrieve(getAsAdmin("/v0/status", tokens), ClusterStatus.class);
        ClusterStatus.KnownNode known = status.knownNodes().get(nodeId);
        assertEquals("10.0.0.11:3901", known.addr());
        assertFalse(known.isUp(), "a node is not up before its first heartbeat");
        assertNull(known.lastSeenSecsAgo());
        assertEquals(64, status.node().length());
        assertEquals(0, status.layout().version());

        // The relay publishes the committed event; read the topic for a while to see it exactly once.
        List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(nodeId),
                found -> false, Duration.ofSeconds(4));
        assertEquals(1, events.size(), "one NodeConnected event for one connected node: " + events);
        Map<?, ?> event = json.readValue(events.get(0), Map.class);
        assertEquals("1.0", event.get("specversion"));
        assertEquals(ClusterEvents.NODE_CONNECTED, event.get("type"));
        assertEquals("/steward/cluster-service", event.get("source"));
        assertEquals("token:test-admin", event.get("actor"));
        assertEquals("198.51.100.7", event.get("clientip"));
        assertEquals(Map.of("nodeId", nodeId, "address", "10.0.0.11:3901"), event.get("data"));
    }

    @Test
    void stateAndEventRollBackTogether() {
        String nodeId = randomNodeId();
        long pendingBefore = outbox.count();
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            nodeService.connect(List.of(nodeId + "@10.0.0.12:3901"), Actor.system("test"));
            throw new IllegalStateException("fail after the state change and its event were written");
        }));
        assertTrue(nodes.findById(nodeId).isEmpty(), "the node must not be registered");
        assertEquals(pendingBefore, outbox.count(), "no event may survive a rolled-back change");
    }

    @Test
    void heartbeatOnKafkaMarksTheNodeUp() {
        String nodeId = randomNodeId();
        http.toBlocking().exchange(asAdmin(HttpRequest.POST("/v0/connect", List.of(nodeId + "@[fd00::1]:3901")), tokens));
        KafkaTestClient.send(Topics.CLUSTER_HEARTBEATS, nodeId,
                "{\"nodeId\":\"" + nodeId + "\",\"hostname\":\"node-a\",\"sentAt\":\"" + Instant.now() + "\"}");

        ClusterStatus.KnownNode known = Eventually.await(Duration.ofSeconds(20),
                () -> http.toBlocking().retrieve(getAsAdmin("/v0/status", tokens), ClusterStatus.class).knownNodes().get(nodeId),
                node -> node.isUp(), "node " + nodeId + " to be up");
        assertEquals("node-a", known.hostname());
        assertEquals("[fd00::1]:3901", known.addr());
        assertTrue(known.lastSeenSecsAgo() <= 20);
    }

    @Test
    void malformedBodyIsAProblemAndChangesNothing() {
        long nodesBefore = nodes.count();
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                asAdmin(HttpRequest.POST("/v0/connect", "{\"not\": \"a list\"").contentType("application/json"), tokens)));
        assertEquals(HttpStatus.BAD_REQUEST, error.getStatus());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().toString());
        Map<?, ?> problem = error.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(400, problem.get("status"));
        assertTrue(problem.get("type").toString().startsWith("urn:steward:problem:"));

        HttpClientResponseException empty = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                asAdmin(HttpRequest.POST("/v0/connect", List.of()), tokens)));
        assertEquals(HttpStatus.BAD_REQUEST, empty.getStatus());
        assertEquals("CONNECT_LIST_EMPTY", empty.getResponse().getBody(Map.class).orElseThrow().get("code"));
        assertEquals(nodesBefore, nodes.count());
    }

    @Test
    void requestsWithoutAValidInternalTokenAreRefused() {
        HttpResponse<?> health = http.toBlocking().exchange(HttpRequest.GET("/health"));
        assertEquals(HttpStatus.OK, health.getStatus(), "health stays reachable for orchestrators");

        HttpClientResponseException bare = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v0/status")));
        assertEquals(HttpStatus.UNAUTHORIZED, bare.getStatus());

        // A header a client could forge is not an identity.
        HttpClientResponseException forged = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v0/status").header("X-Steward-Principal", "token:admin")));
        assertEquals(HttpStatus.UNAUTHORIZED, forged.getStatus());

        InternalTokenIssuer otherKey = new InternalTokenIssuer((ECPrivateKey) InternalJwtKeys.generate().getPrivate(), Duration.ofSeconds(30));
        HttpClientResponseException wrongKey = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(getAsAdmin("/v0/status", otherKey)));
        assertEquals(HttpStatus.UNAUTHORIZED, wrongKey.getStatus());

        InternalTokenIssuer expired = new InternalTokenIssuer((ECPrivateKey) ServiceTestProperties.INTERNAL_JWT_KEYS.getPrivate(),
                Duration.ofSeconds(-120));
        HttpClientResponseException stale = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(getAsAdmin("/v0/status", expired)));
        assertEquals(HttpStatus.UNAUTHORIZED, stale.getStatus());

        HttpClientResponseException metricsOnly = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v0/status").bearerAuth(
                        tokens.issue("token:metrics", dev.steward.common.security.Role.METRICS, List.of(), "garage-bearer", null))));
        assertEquals(HttpStatus.FORBIDDEN, metricsOnly.getStatus());
    }
}
