package dev.steward.cluster.node;

import dev.steward.cluster.status.ClusterStatus;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.OutboxRepository;
import dev.steward.common.security.InternalJwtKeys;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.NodeAgentProcess;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @Inject
    NodeRegistry registry;

    private NodeAgentProcess agent;

    @BeforeAll
    void startAgent() throws Exception {
        agent = NodeAgentProcess.start();
    }

    @AfterAll
    void stopAgent() {
        agent.close();
    }

    private List<Map> connect(List<String> specs) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/connect", specs), tokens), io.micronaut.core.type.Argument.listOf(Map.class));
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void connectRegistersALiveAgentAndPublishesOneEventForIt() throws Exception {
        String nodeId = agent.nodeId();
        List<Map> results = connect(List.of(agent.spec(), "not-a-node"));

        assertEquals(2, results.size());
        assertEquals(true, results.get(0).get("success"), String.valueOf(results.get(0)));
        assertNull(results.get(0).get("error"));
        assertEquals(false, results.get(1).get("success"));
        assertTrue(results.get(1).get("error").toString().startsWith("Invalid node specification"));

        ClusterStatus status = http.toBlocking().retrieve(getAsAdmin("/v0/status", tokens), ClusterStatus.class);
        ClusterStatus.KnownNode known = status.knownNodes().get(nodeId);
        assertEquals("127.0.0.1:" + agent.port(), known.addr());
        assertEquals(64, status.node().length());

        // The relay publishes the committed event; read the topic for a while to see it exactly once.
        List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(nodeId) && value.contains("NodeConnected"),
                found -> false, Duration.ofSeconds(4));
        assertEquals(1, events.size(), "one NodeConnected event for one connected node: " + events);
        Map<?, ?> event = json.readValue(events.get(0), Map.class);
        assertEquals("1.0", event.get("specversion"));
        assertEquals(ClusterEvents.NODE_CONNECTED, event.get("type"));
        assertEquals("/steward/cluster-service", event.get("source"));
        assertEquals("token:test-admin", event.get("actor"));
        assertEquals("198.51.100.7", event.get("clientip"));
        assertEquals(Map.of("nodeId", nodeId, "address", "127.0.0.1:" + agent.port()), event.get("data"));
    }

    /** Garage reports a failed handshake per node ({"success": false, "error": ...}); nothing is registered. */
    @Test
    void nodesThatDoNotAnswerOrDoNotProveTheirIdAreRefusedOneByOne() throws Exception {
        String nobody = randomNodeId();
        String impostor = randomNodeId();
        long nodesBefore = nodes.count();
        List<Map> results = connect(List.of(nobody + "@127.0.0.1:" + closedPort(), impostor + "@127.0.0.1:" + agent.port()));

        assertEquals(false, results.get(0).get("success"));
        assertTrue(results.get(0).get("error").toString().startsWith("Could not connect to 127.0.0.1:"), String.valueOf(results.get(0)));
        assertEquals(false, results.get(1).get("success"));
        assertTrue(results.get(1).get("error").toString().startsWith("Handshake error: the node at 127.0.0.1:" + agent.port() + " is " + agent.nodeId()),
                String.valueOf(results.get(1)));
        assertTrue(nodes.findById(nobody).isEmpty() && nodes.findById(impostor).isEmpty(), "neither is registered");
        assertEquals(nodesBefore, nodes.count());
    }

    @Test
    void stateAndEventRollBackTogether() {
        String nodeId = randomNodeId();
        long pendingBefore = outbox.count();
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            registry.register(List.of(new NodeAddress(nodeId, "10.0.0.12:3901")), Instant.now(), Actor.system("test"));
            throw new IllegalStateException("fail after the state change and its event were written");
        }));
        assertTrue(nodes.findById(nodeId).isEmpty(), "the node must not be registered");
        assertEquals(pendingBefore, outbox.count(), "no event may survive a rolled-back change");
    }

    /** The agent beats on Kafka with facts measured on its host; the node is up with its hostname. */
    @Test
    void aConnectedAgentsHeartbeatsMarkItUp() {
        connect(List.of(agent.spec()));
        ClusterStatus.KnownNode known = Eventually.await(Duration.ofSeconds(20),
                () -> http.toBlocking().retrieve(getAsAdmin("/v0/status", tokens), ClusterStatus.class).knownNodes().get(agent.nodeId()),
                node -> node.isUp(), "node " + agent.nodeId() + " to be up");
        assertNotNull(known.hostname());
        assertTrue(known.lastSeenSecsAgo() <= 20);

        // Steward's node list has what the agent measured on its host.
        Map<?, ?> node = Eventually.await(Duration.ofSeconds(20), () -> http.toBlocking().retrieve(getAsAdmin("/steward/v1/nodes", tokens),
                        io.micronaut.core.type.Argument.listOf(Map.class)).stream().filter(entry -> agent.nodeId().equals(entry.get("nodeId")))
                        .findFirst().orElseThrow(), entry -> entry.get("dataBytesTotal") != null, "the agent's host facts");
        assertEquals(true, node.get("isUp"));
        assertTrue(((Number) node.get("dataBytesTotal")).longValue() > 0 && ((Number) node.get("dataBytesFree")).longValue() >= 0, node.toString());
        assertTrue(((Number) node.get("cpus")).intValue() >= 1, node.toString());
        assertNotNull(node.get("agentVersion"));
    }

    @Test
    void aNodeWithoutARoleCanBeForgottenOneWithARoleCannot() throws Exception {
        try (NodeAgentProcess spare = NodeAgentProcess.start()) {
            connect(List.of(spare.spec()));
            String forget = "/steward/v1/nodes/" + spare.nodeId();
            http.toBlocking().exchange(asAdmin(HttpRequest.POST("/v0/layout", Map.of(spare.nodeId(), Map.of("zone", "dc9",
                    "capacity", 1, "tags", List.of()))), tokens));
            HttpClientResponseException holds = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(asAdmin(HttpRequest.DELETE(forget), tokens)));
            assertEquals(HttpStatus.CONFLICT, holds.getStatus());
            assertEquals("NODE_HOLDS_ROLE", holds.getResponse().getBody(Map.class).orElseThrow().get("code"));

            Map<String, Object> unstage = new java.util.HashMap<>();
            unstage.put(spare.nodeId(), null); // a staged role, removed before it was applied
            http.toBlocking().exchange(asAdmin(HttpRequest.POST("/v0/layout", unstage), tokens));
            assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(asAdmin(HttpRequest.DELETE(forget), tokens)).getStatus());
            assertFalse(http.toBlocking().retrieve(getAsAdmin("/v0/status", tokens), ClusterStatus.class).knownNodes().containsKey(spare.nodeId()));
            List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(spare.nodeId()) && value.contains("NodeForgotten"),
                    found -> !found.isEmpty(), Duration.ofSeconds(10));
            assertTrue(events.get(0).contains("\"reason\":\"forgotten\""), events.get(0));
            HttpClientResponseException gone = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(asAdmin(HttpRequest.DELETE(forget), tokens)));
            assertEquals(HttpStatus.NOT_FOUND, gone.getStatus());
        }
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
