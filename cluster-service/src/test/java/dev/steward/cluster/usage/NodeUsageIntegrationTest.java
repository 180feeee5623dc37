package dev.steward.cluster.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cluster.AbstractClusterTest;
import dev.steward.cluster.bucket.BucketViews;
import dev.steward.cluster.node.NodeAddress;
import dev.steward.cluster.node.NodeRegistry;
import dev.steward.cluster.volume.VolumeViews;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.testing.Eventually;
import dev.steward.testing.TestNodeKey;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steward.cluster.ClusterTestSupport.problemCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Node agents' usage reports on Kafka become GetBucketInfo's objects and bytes and the directory
 * quotas' usage: the cases of docs/usage.md, one per test.
 */
class NodeUsageIntegrationTest extends AbstractClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    NodeRegistry registry;

    private final Map<String, TestNodeKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

    /** A connected node of the test's own, so that no other test's scan times interfere with its own. */
    private String node() {
        String node = unknownNode();
        registry.register(List.of(new NodeAddress(node, "10.9.0.1:3901")), Instant.now(), Actor.system("test"));
        return node;
    }

    /** A node with a key, that no one connected. */
    private String unknownNode() {
        TestNodeKey key = TestNodeKey.generate();
        keys.put(key.nodeId(), key);
        return key.nodeId();
    }

    /** What the node's agent sends: signed with its key. */
    private void send(String topic, String node, String value) {
        keys.get(node).send(topic, value);
    }

    private static Map<String, Object> entry(String kind, String name, String path, long files, long dirs, long bytes) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("name", name);
        entry.put("path", path);
        entry.put("files", files);
        entry.put("dirs", dirs);
        entry.put("bytes", bytes);
        return entry;
    }

    private static Map<String, Object> bucket(String id, long objects, long bytes) {
        return entry("bucket", id, "/", objects, 0, bytes);
    }

    private void report(String node, Instant measuredAt, int part, boolean last, List<Map<String, Object>> entries) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeId", node);
        body.put("measuredAt", measuredAt.toString());
        body.put("part", part);
        body.put("last", last);
        body.put("truncated", false);
        body.put("entries", entries);
        send(Topics.CLUSTER_NODE_USAGE, node, json.writeValueAsString(body));
    }

    private void scan(String node, Instant measuredAt, List<Map<String, Object>> entries) throws Exception {
        report(node, measuredAt, 0, true, entries);
    }

    private String newBucket() {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/bucket", Map.of())), BucketViews.BucketInfo.class).id();
    }

    private BucketViews.BucketInfo info(String id) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/v0/bucket?id=" + id)), BucketViews.BucketInfo.class);
    }

    private BucketViews.BucketInfo awaitObjects(String id, long objects) {
        return Eventually.await(WAIT, () -> info(id), bucket -> bucket.objects() == objects, "bucket " + id + " to hold " + objects + " objects");
    }

    private static Instant at(int seconds) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(seconds);
    }

    @Test
    void aBucketIsAsLargeAsTheLargestNodesReportAndCannotBeDeletedWhileItHoldsObjects() throws Exception {
        String nodeA = node();
        String nodeB = node();
        String id = newBucket();
        Instant t0 = at(0);
        scan(nodeA, t0, List.of(bucket(id, 12, 1200)));
        scan(nodeB, t0, List.of(bucket(id, 10, 1000)));
        BucketViews.BucketInfo held = awaitObjects(id, 12);
        assertEquals(1200, held.bytes(), "every node that holds the bucket holds all of it; the fullest replica counts");
        assertEquals("BUCKET_NOT_EMPTY", problemCode(refused(HttpRequest.DELETE("/v0/bucket?id=" + id))));

        // Both nodes' next scans no longer find the bucket's directory: it is empty, and may go.
        scan(nodeA, at(1), List.of());
        scan(nodeB, at(1), List.of());
        assertEquals(0, awaitObjects(id, 0).bytes());
        http.toBlocking().exchange(asAdmin(HttpRequest.DELETE("/v0/bucket?id=" + id)));
    }

    @Test
    void anOlderScanArrivingLateChangesNothing() throws Exception {
        String nodeA = node();
        String id = newBucket();
        String marker = newBucket();
        scan(nodeA, at(10), List.of(bucket(id, 5, 50)));
        awaitObjects(id, 5);
        report(nodeA, at(5), 0, true, List.of(bucket(id, 100, 10_000), bucket(marker, 9, 9)));
        // what the late scan says of other buckets is old too: wait for a newer report to be applied after it
        scan(nodeA, at(11), List.of(bucket(id, 5, 50), bucket(marker, 1, 1)));
        awaitObjects(marker, 1);
        assertEquals(5, info(id).objects());
    }

    @Test
    void aScanInPartsKeepsEveryPartAndOnlyItsLastPartDropsWhatTheNodeNoLongerHolds() throws Exception {
        String nodeB = node();
        String first = newBucket();
        String second = newBucket();
        Instant t0 = at(20);
        report(nodeB, t0, 0, false, List.of(bucket(first, 3, 30)));
        report(nodeB, t0, 1, true, List.of(bucket(second, 4, 40)));
        awaitObjects(second, 4);
        assertEquals(3, info(first).objects(), "the last part did not drop the first part of its own scan");

        Instant t1 = at(21);
        report(nodeB, t1, 0, false, List.of(bucket(second, 4, 40)));
        assertEquals(3, info(first).objects(), "until the scan's last part, nothing is dropped");
        report(nodeB, t1, 1, true, List.of());
        awaitObjects(first, 0);
        assertEquals(4, info(second).objects());
    }

    @Test
    void reportsFromUnknownNodesAndPartsThatBreakARuleAreDroppedWhole() throws Exception {
        String nodeA = node();
        String nodeB = node();
        String id = newBucket();
        String marker = newBucket();
        scan(unknownNode(), at(30), List.of(bucket(id, 7, 7)));
        report(nodeA, at(31), 0, false, List.of(bucket(id, 8, 8), entry("bucket", marker, "/", 1, 0, -1)));
        report(nodeA, at(32), 0, false, List.of(bucket(id, 9, 9), entry("volume", "v", "/a/../b", 1, 0, 1)));
        report(nodeA, at(33), 0, false, List.of(bucket(id, 10, 10), entry("bucket", "../" + marker, "/", 1, 0, 1)));
        send(Topics.CLUSTER_NODE_USAGE, nodeA, "{not json");
        scan(nodeB, at(34), List.of(bucket(marker, 2, 2)));
        awaitObjects(marker, 2);
        assertEquals(0, info(id).objects(), "nothing of the unknown node's report or of the broken parts was applied");
    }

    @Test
    void bucketQuotasItsUsageIsOverShowAsExceeded() throws Exception {
        String nodeA = node();
        String id = newBucket();
        http.toBlocking().exchange(asAdmin(HttpRequest.PUT("/v0/bucket?id=" + id, Map.of("quotas", Map.of("maxObjects", 3, "maxSize", 1000)))));
        assertEquals(List.of(), info(id).exceededQuotas());
        scan(nodeA, at(40), List.of(bucket(id, 5, 500)));
        assertEquals(List.of("maxObjects"), awaitObjects(id, 5).exceededQuotas());
    }

    @Test
    void aDirectoryQuotaShowsWhatTheVolumesBricksHoldUnderItsPathOnceForEachReplica() throws Exception {
        String nodeA = node();
        String nodeB = node();
        String name = "usage-" + UUID.randomUUID().toString().substring(0, 8);
        long volume = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v1/volumes", Map.of("name", name, "replica", 2,
                "bricks", List.of("node1:/bricks/" + name, "node2:/bricks/" + name)))), VolumeViews.GlusterVolume.class).id();
        String base = "/api/v1/volumes/" + volume + "/quotas";
        VolumeViews.QuotaView projects = http.toBlocking().retrieve(asAdmin(HttpRequest.POST(base,
                Map.of("path", "/projects", "size", 1000, "inodes", 100))), VolumeViews.QuotaView.class);
        VolumeViews.QuotaView unseen = http.toBlocking().retrieve(asAdmin(HttpRequest.POST(base, Map.of("path", "/nowhere", "size", 1))),
                VolumeViews.QuotaView.class);
        assertNull(projects.usedSize(), "no node has reported the path yet");
        assertNull(projects.exceeded());

        // Each of the two replicas holds the same 3 files and 1 directory (1500 bytes) under /projects.
        scan(nodeA, at(50), List.of(entry("volume", name, "/", 4, 2, 1600), entry("volume", name, "/projects", 3, 1, 1500)));
        scan(nodeB, at(50), List.of(entry("volume", name, "/", 4, 2, 1600), entry("volume", name, "/projects", 3, 1, 1500)));
        List<VolumeViews.QuotaView> quotas = Eventually.await(WAIT,
                () -> http.toBlocking().retrieve(asAdmin(HttpRequest.GET(base)), Argument.listOf(VolumeViews.QuotaView.class)),
                list -> list.get(0).usedSize() != null && list.get(0).usedSize() == 1500, "both replicas' reports");
        assertEquals(4, quotas.get(0).usedInodes(), "files and directories, once per replica");
        assertEquals(Boolean.TRUE, quotas.get(0).exceeded(), "1500 bytes over a 1000-byte quota");
        assertEquals(unseen.id(), quotas.get(1).id());
        assertNull(quotas.get(1).usedSize());

        Map<String, Object> single = get(base + "/" + projects.id());
        assertEquals(1500, ((Number) single.get("used_size")).intValue(), single.toString());
        assertEquals(4, ((Number) single.get("used_inodes")).intValue());
    }

    @Test
    void theNodeListShowsTheReleaseTheAgentsBeatNames() throws Exception {
        String nodeA = node();
        send(Topics.CLUSTER_HEARTBEATS, nodeA, json.writeValueAsString(Map.of("nodeId", nodeA, "sentAt",
                Instant.now().toString(), "agentVersion", "0.1.0", "release", "9.1.0", "dataBytesTotal", 10, "dataBytesFree", 5)));
        Eventually.await(WAIT, () -> http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/steward/v1/nodes")), Argument.listOf(Map.class)),
                nodes -> nodes.stream().anyMatch(node -> nodeA.equals(node.get("nodeId")) && "9.1.0".equals(node.get("release"))),
                "node " + nodeA + " with release 9.1.0");
    }

    @Test
    void theUsageLimitIsOnePlaceAndRefusesOversizedParts() {
        String node = unknownNode();
        List<UsageReport.Entry> entries = java.util.Collections.nCopies(3, new UsageReport.Entry("bucket", "b", "/", 1L, 0L, 1L));
        assertEquals("3 entries in one part; at most 2",
                UsageService.problem(new UsageReport(node, Instant.now(), 0, true, false, entries), 2));
        assertNull(UsageService.problem(new UsageReport(node, Instant.now(), 0, true, false, entries), 3));
    }
}
