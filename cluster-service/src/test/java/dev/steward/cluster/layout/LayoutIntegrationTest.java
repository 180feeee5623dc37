package dev.steward.cluster.layout;

import dev.steward.cluster.health.ClusterHealth;
import dev.steward.cluster.node.NodeAddress;
import dev.steward.cluster.node.NodeRegistry;
import dev.steward.cluster.node.NodeService;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.steward.cluster.ClusterTestSupport.asAdmin;
import static dev.steward.cluster.ClusterTestSupport.getAsAdmin;
import static dev.steward.cluster.ClusterTestSupport.problemCode;
import static dev.steward.cluster.ClusterTestSupport.randomNodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layout staging, apply and revert through the API, and the health computed from the result. The
 * layout is one per cluster, so every test works from whatever version it finds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayoutIntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    NodeRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("cluster");
    }

    private LayoutView layout() {
        return http.toBlocking().retrieve(getAsAdmin("/v0/layout", tokens), LayoutView.class);
    }

    private LayoutView post(String path, Object body) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.POST(path, body), tokens), LayoutView.class);
    }

    private HttpClientResponseException refused(String path, Object body) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(asAdmin(HttpRequest.POST(path, body).contentType("application/json"), tokens)));
    }

    private static Map<String, Object> role(String zone, Long capacity, String... tags) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("zone", zone);
        role.put("capacity", capacity);
        role.put("tags", List.of(tags));
        return role;
    }

    private ClusterHealth health() {
        return http.toBlocking().retrieve(getAsAdmin("/v0/health", tokens), ClusterHealth.class);
    }

    private void beat(String nodeId) {
        http.toBlocking().exchange(asAdmin(HttpRequest.POST("/steward/v1/nodes/" + nodeId + "/heartbeat", Map.of("hostname", "host-" + nodeId.substring(0, 6))), tokens));
    }

    @Test
    void stagedRolesApplyIntoAnAssignmentAndHealthFollowsLiveness() {
        List<String> storage = List.of(randomNodeId(), randomNodeId(), randomNodeId());
        String gateway = randomNodeId();
        // Registered as a proven connect registers them (the handshake is NodeConnectIntegrationTest's);
        // liveness then comes from the beats this test sends, one node at a time.
        List<NodeAddress> known = new ArrayList<>();
        for (String id : storage) {
            known.add(new NodeAddress(id, "10.1.0.1:3901"));
        }
        known.add(new NodeAddress(gateway, "10.1.0.9:3901"));
        registry.register(known, java.time.Instant.now(), dev.steward.common.event.Actor.system("test"));

        // Replace whatever earlier tests left with exactly these four roles.
        post("/v0/layout/revert", Map.of("version", layout().version() + 1));
        LayoutView before = layout();
        Map<String, Object> changes = new LinkedHashMap<>();
        before.roles().keySet().forEach(id -> changes.put(id, null));
        changes.put(storage.get(0), role("dc1", 10L, "a"));
        changes.put(storage.get(1), role("dc2", 10L, "b"));
        changes.put(storage.get(2), role("dc3", 20L));
        changes.put(gateway, role("dc1", null, "gw"));
        LayoutView staged = post("/v0/layout", changes);
        assertEquals(before.version(), staged.version(), "staging does not change the version");
        assertEquals(20L, staged.stagedRoleChanges().get(storage.get(2)).capacity());
        assertNull(staged.stagedRoleChanges().get(gateway).capacity());

        HttpClientResponseException stale = refused("/v0/layout/apply", Map.of("version", before.version()));
        assertEquals(HttpStatus.CONFLICT, stale.getStatus());
        assertEquals("LAYOUT_VERSION_CONFLICT", problemCode(stale));
        assertEquals(staged.stagedRoleChanges(), layout().stagedRoleChanges(), "a refused apply keeps the staged changes");

        LayoutView applied = post("/v0/layout/apply", Map.of("version", before.version() + 1));
        assertEquals(before.version() + 1, applied.version());
        assertEquals(new HashSet<>(List.of(storage.get(0), storage.get(1), storage.get(2), gateway)), applied.roles().keySet());
        assertTrue(applied.stagedRoleChanges().isEmpty());

        PartitionsView partitions = http.toBlocking().retrieve(getAsAdmin("/steward/v1/layout/partitions", tokens), PartitionsView.class);
        assertEquals(256, partitions.partitions().size());
        assertEquals(3, partitions.replicationFactor());
        for (List<String> replicas : partitions.partitions()) {
            assertEquals(new HashSet<>(storage), new HashSet<>(replicas), "three zones, three storage nodes: each holds every partition");
        }
        assertTrue(!partitions.partitionsPerNode().containsKey(gateway), "a gateway node stores nothing");

        List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS,
                value -> value.contains("LayoutApplied") && value.contains(storage.get(0)),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertTrue(events.get(0).contains("\"slotsMoved\":768"), "a layout over new nodes moves every slot: " + events.get(0));

        // Nobody has beaten yet: no partition has a quorum.
        ClusterHealth down = health();
        assertEquals(ClusterHealth.UNAVAILABLE, down.status());
        assertEquals(3, down.storageNodes());
        assertEquals(0, down.partitionsQuorum());

        beat(storage.get(0));
        beat(storage.get(1));
        ClusterHealth degraded = health();
        assertEquals(ClusterHealth.DEGRADED, degraded.status(), "two of three replicas up is a quorum: " + degraded);
        assertEquals(256, degraded.partitionsQuorum());
        assertEquals(0, degraded.partitionsAllOk());
        assertEquals(2, degraded.storageNodesOk());

        beat(storage.get(2));
        ClusterHealth healthy = health();
        assertEquals(ClusterHealth.HEALTHY, healthy.status());
        assertEquals(256, healthy.partitionsAllOk());

        List<NodeService.Peer> peers = http.toBlocking().retrieve(getAsAdmin("/v1/peers", tokens), Argument.listOf(NodeService.Peer.class));
        NodeService.Peer peer = peers.stream().filter(p -> p.uuid().equals(storage.get(0))).findFirst().orElseThrow();
        assertEquals("Connected", peer.state());
        assertEquals("host-" + storage.get(0).substring(0, 6), peer.hostname());
        assertEquals("Disconnected", peers.stream().filter(p -> p.uuid().equals(gateway)).findFirst().orElseThrow().state());
    }

    @Test
    void revertClearsStagedChangesAndMovesTheVersionOn() {
        String node = randomNodeId();
        LayoutView before = layout();
        post("/v0/layout", Map.of(node, role("dc9", 5L)));
        LayoutView reverted = post("/v0/layout/revert", Map.of("version", before.version() + 1));
        assertEquals(before.version() + 1, reverted.version());
        assertTrue(reverted.stagedRoleChanges().isEmpty());
        assertEquals(before.roles(), reverted.roles());

        HttpClientResponseException again = refused("/v0/layout/revert", Map.of("version", before.version() + 1));
        assertEquals(HttpStatus.CONFLICT, again.getStatus());
        HttpClientResponseException missing = refused("/v0/layout/revert", Map.of());
        assertEquals(HttpStatus.BAD_REQUEST, missing.getStatus());
        assertEquals("LAYOUT_VERSION_MISSING", problemCode(missing));
    }

    @Test
    void badChangesAreRefusedWithAReasonAndStageNothing() {
        String node = randomNodeId();
        LayoutView before = layout();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"" + node + "\": {\"zone\": \"dc1\", \"capacity\": 10, \"tags\": []", "MALFORMED_REQUEST");
        cases.put("[1, 2]", "LAYOUT_BODY_INVALID");
        cases.put("{}", "LAYOUT_BODY_INVALID");
        cases.put("{\"not-a-node\": {\"zone\": \"dc1\", \"capacity\": 10, \"tags\": []}}", "LAYOUT_NODE_ID_INVALID");
        cases.put("{\"" + node + "\": {\"zone\": \"dc1\", \"capacity\": \"10\", \"tags\": []}}", "LAYOUT_ROLE_INVALID");
        cases.put("{\"" + node + "\": {\"zone\": \"dc1\", \"capacity\": 1.5, \"tags\": []}}", "LAYOUT_ROLE_INVALID");
        cases.put("{\"" + node + "\": {\"zone\": \"dc1\", \"capacity\": 0, \"tags\": []}}", "LAYOUT_ROLE_INVALID");
        cases.put("{\"" + node + "\": {\"zone\": \"dc1\", \"capacity\": 10}}", "LAYOUT_ROLE_INVALID");
        cases.put("{\"" + node + "\": {\"zone\": \"\", \"capacity\": 10, \"tags\": []}}", "LAYOUT_ROLE_INVALID");
        cases.put("{\"" + node + "\": {\"zone\": \"dc1\", \"capacity\": 10, \"tags\": [], \"weight\": 2}}", "LAYOUT_ROLE_INVALID");
        cases.put("{\"" + node + "\": null}", "LAYOUT_ROLE_UNKNOWN");
        // A valid entry next to an invalid one is not staged either.
        cases.put("{\"" + randomNodeId() + "\": {\"zone\": \"dc1\", \"capacity\": 3, \"tags\": []}, \"" + node
                + "\": {\"zone\": \"dc1\", \"capacity\": -1, \"tags\": []}}", "LAYOUT_ROLE_INVALID");
        cases.forEach((body, code) -> {
            HttpClientResponseException error = refused("/v0/layout", body);
            assertEquals(HttpStatus.BAD_REQUEST, error.getStatus(), body);
            assertEquals(code, problemCode(error), body);
            assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().toString());
        });
        assertEquals(before, layout(), "nothing was staged");

        HttpClientResponseException unknownNode = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                asAdmin(HttpRequest.POST("/steward/v1/nodes/" + node + "/heartbeat", Map.of()), tokens)));
        assertEquals(HttpStatus.NOT_FOUND, unknownNode.getStatus());
    }


    @Test
    void aJsonBodyUnderAFormContentTypeIsUnsupportedNotForbidden() {
        LayoutView before = layout();
        String body = "{\"" + randomNodeId() + "\": {\"zone\": \"dc1\", \"capacity\": 10, \"tags\": []}}";
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                asAdmin(HttpRequest.POST("/v0/layout", body).contentType("application/x-www-form-urlencoded"), tokens)));
        assertEquals(HttpStatus.UNSUPPORTED_MEDIA_TYPE, error.getStatus());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", problemCode(error));
        assertEquals(before, layout(), "nothing was staged");
    }
    private LayoutPreview preview() {
        return http.toBlocking().retrieve(getAsAdmin("/steward/v1/layout/preview", tokens), LayoutPreview.class);
    }

    private PartitionsView partitionsView() {
        return http.toBlocking().retrieve(getAsAdmin("/steward/v1/layout/partitions", tokens), PartitionsView.class);
    }

    @Test
    void thePreviewShowsWhatApplyWillDoAndChangesNothing() {
        post("/v0/layout/revert", Map.of("version", layout().version() + 1));
        LayoutView start = layout();
        Map<String, Object> three = new LinkedHashMap<>();
        start.roles().keySet().forEach(id -> three.put(id, null));
        List<String> nodes = List.of(randomNodeId(), randomNodeId(), randomNodeId());
        for (int i = 0; i < nodes.size(); i++) {
            three.put(nodes.get(i), role("dc" + (i + 1), 10L));
        }
        post("/v0/layout", three);
        LayoutView staged = layout();
        LayoutPreview first = preview();
        assertEquals(staged, layout(), "a preview stages and applies nothing");
        assertEquals(start.version() + 1, first.version());
        assertTrue(first.hasStagedChanges());
        assertEquals(nodes.stream().sorted().toList(), List.copyOf(first.roles().keySet()));
        nodes.forEach(node -> assertEquals(PartitionPlanner.PARTITIONS, first.partitionsPerNode().get(node), "three nodes of rf 3 hold every partition"));
        post("/v0/layout/apply", Map.of("version", first.version()));
        assertEquals(first.partitionsPerNode(), partitionsView().partitionsPerNode());

        LayoutPreview nothingStaged = preview();
        assertEquals(false, nothingStaged.hasStagedChanges());
        assertEquals(0, nothingStaged.partitionsMoved(), "nothing staged, nothing moves");
        assertEquals(first.partitionsPerNode(), nothingStaged.partitionsPerNode());

        String fourth = randomNodeId();
        post("/v0/layout", Map.of(fourth, role("dc1", 10L)));
        LayoutPreview grown = preview();
        assertTrue(grown.partitionsMoved() > 0, "a fourth node takes partitions over: " + grown.partitionsMoved());
        assertEquals(3 * PartitionPlanner.PARTITIONS, grown.partitionsPerNode().values().stream().mapToInt(Integer::intValue).sum());
        int before = first.partitionsPerNode().get(nodes.get(0)) + 0;
        assertEquals(grown.partitionsMoved(), grown.partitionsPerNode().get(fourth), "every moved replica lands on the new node");
        assertTrue(grown.partitionsPerNode().get(nodes.get(0)) < before, "dc1's first node gives partitions up");
        post("/v0/layout/apply", Map.of("version", grown.version()));
        assertEquals(grown.partitionsPerNode(), partitionsView().partitionsPerNode(), "apply did what the preview showed");

        Map<String, Object> two = new LinkedHashMap<>();
        layout().roles().keySet().stream().skip(2).forEach(id -> two.put(id, null));
        post("/v0/layout", two);
        HttpClientResponseException infeasible = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(getAsAdmin("/steward/v1/layout/preview", tokens)));
        assertEquals(HttpStatus.BAD_REQUEST, infeasible.getStatus());
        assertEquals("LAYOUT_INFEASIBLE", problemCode(infeasible));
        post("/v0/layout/revert", Map.of("version", layout().version() + 1));
    }

    @Test
    void tooFewStorageNodesCannotBeApplied() {
        post("/v0/layout/revert", Map.of("version", layout().version() + 1));
        LayoutView before = layout();
        Map<String, Object> changes = new LinkedHashMap<>();
        before.roles().keySet().forEach(id -> changes.put(id, null));
        changes.put(randomNodeId(), role("dc1", 10L));
        changes.put(randomNodeId(), role("dc2", 10L));
        post("/v0/layout", changes);
        HttpClientResponseException error = refused("/v0/layout/apply", Map.of("version", before.version() + 1));
        assertEquals(HttpStatus.BAD_REQUEST, error.getStatus());
        assertEquals("LAYOUT_INFEASIBLE", problemCode(error));
        LayoutView after = layout();
        assertEquals(before.version(), after.version());
        assertEquals(before.roles(), after.roles());
        post("/v0/layout/revert", Map.of("version", before.version() + 1));
    }

    @Test
    void concurrentAppliesOfTheSameVersionLetExactlyOneThrough() throws Exception {
        LayoutView before = layout();
        post("/v0/layout", Map.of(randomNodeId(), role("dc7", null)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpStatus>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<HttpStatus> apply = () -> {
                    try {
                        HttpResponse<?> response = http.toBlocking().exchange(
                                asAdmin(HttpRequest.POST("/v0/layout/revert", Map.of("version", before.version() + 1)), tokens));
                        return response.getStatus();
                    } catch (HttpClientResponseException e) {
                        return e.getStatus();
                    }
                };
                results.add(pool.submit(apply));
            }
            int ok = 0;
            int conflicts = 0;
            for (Future<HttpStatus> result : results) {
                HttpStatus status = result.get();
                ok += status == HttpStatus.OK ? 1 : 0;
                conflicts += status == HttpStatus.CONFLICT ? 1 : 0;
            }
            assertEquals(1, ok);
            assertEquals(3, conflicts);
            assertEquals(before.version() + 1, layout().version());
        } finally {
            pool.shutdownNow();
        }
    }
}
