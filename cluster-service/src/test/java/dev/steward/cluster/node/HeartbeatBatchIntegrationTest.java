package dev.steward.cluster.node;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.testing.Eventually;
import dev.steward.testing.TestNodeKey;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.steward.cluster.ClusterTestSupport.randomNodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Beats are applied a poll at a time, in one transaction of two statements; the per-beat rules
 * hold within and across batches: per node only its newest beat counts, last_seen never moves
 * back, facts only move to a newer measurement, a clock ahead of ours is ours, unknown nodes
 * change nothing.
 */
class HeartbeatBatchIntegrationTest extends AbstractClusterTest {

    private static final Instant T = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);

    @Inject
    NodeService nodes;

    @Inject
    NodeRegistry registry;

    @Inject
    NodeRepository nodeRows;

    @Inject
    NodeFactsRepository facts;

    private String connected() {
        String node = randomNodeId();
        registry.register(List.of(new NodeAddress(node, "10.9.2.1:3901")), Instant.now(), Actor.system("test"));
        return node;
    }

    private static HeartbeatListener.Heartbeat beat(String node, Instant sentAt, String release) {
        return new HeartbeatListener.Heartbeat(node, "host-" + release, sentAt, "0.1.0", release, 100L, 50L, 0.5, 4);
    }

    private Instant lastSeen(String node) {
        return nodeRows.findById(node).orElseThrow().lastSeenAt();
    }

    private String release(String node) {
        return facts.all().stream().filter(fact -> fact.nodeId().equals(node)).findFirst().orElseThrow().release();
    }

    @Test
    void withinABatchANodesNewestBeatCountsWhateverItsPlace() {
        String node = connected();
        assertEquals(1, nodes.heartbeats(List.of(beat(node, T.plusSeconds(2), "newest"), beat(node, T, "old"), beat(node, T.plusSeconds(1), "middle"))));
        assertEquals(T.plusSeconds(2), lastSeen(node));
        assertEquals("newest", release(node));
        assertEquals("host-newest", nodeRows.findById(node).orElseThrow().hostname());
    }

    @Test
    void aLaterBatchWithOlderBeatsMovesNothingBack() {
        String node = connected();
        nodes.heartbeats(List.of(beat(node, T.plusSeconds(10), "new")));
        assertEquals(1, nodes.heartbeats(List.of(beat(node, T.plusSeconds(5), "late"))), "still a known node's beat");
        assertEquals(T.plusSeconds(10), lastSeen(node));
        assertEquals("new", release(node), "facts only move to a newer measurement");
    }

    @Test
    void unknownNodesInABatchChangeNothingAndTheKnownOnesAreApplied() {
        String known = connected();
        String unknown = randomNodeId();
        assertEquals(1, nodes.heartbeats(List.of(beat(unknown, T, "u"), beat(known, T, "k"))));
        assertTrue(nodeRows.findById(unknown).isEmpty());
        assertTrue(facts.all().stream().noneMatch(fact -> fact.nodeId().equals(unknown)), "no facts row for an unknown node");
        assertEquals("k", release(known));
    }

    @Test
    void aClockAheadOfOursCountsAsNowAndBadFactsAreNotShown() {
        String node = connected();
        Instant before = Instant.now();
        nodes.heartbeats(List.of(new HeartbeatListener.Heartbeat(node, null, Instant.now().plus(Duration.ofDays(1)), "0.1.0", "../etc",
                -5L, -1L, null, null)));
        Instant seen = lastSeen(node);
        assertTrue(!seen.isBefore(before.truncatedTo(ChronoUnit.MILLIS)) && seen.isBefore(Instant.now().plusSeconds(1)), seen.toString());
        NodeFactsRepository.NodeFacts measured = facts.all().stream().filter(fact -> fact.nodeId().equals(node)).findFirst().orElseThrow();
        assertEquals(null, measured.release(), "a release that is not a directory name");
        assertEquals(null, measured.dataBytesTotal(), "negative sizes");
    }

    @Test
    void aLargeBatchIsAppliedWhole() {
        List<HeartbeatListener.Heartbeat> beats = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String node = connected();
            batch.add(node);
            beats.add(beat(node, T.plusSeconds(i % 7), "r" + i));
        }
        assertEquals(3000, nodes.heartbeats(beats));
        for (int i = 0; i < 3000; i += 499) {
            assertEquals(T.plusSeconds(i % 7), lastSeen(batch.get(i)));
            assertEquals("r" + i, release(batch.get(i)));
        }
    }

    /** Through Kafka as agents write them: signed beats of several nodes, interleaved, each ending at its newest. */
    @Test
    void signedBeatsOnKafkaEndAtEachNodesNewest() {
        List<TestNodeKey> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestNodeKey key = TestNodeKey.generate();
            registry.register(List.of(new NodeAddress(key.nodeId(), "10.9.3." + i + ":3901")), Instant.now(), Actor.system("test"));
            keys.add(key);
        }
        for (int round = 0; round < 3; round++) {
            for (TestNodeKey key : keys) {
                key.send(Topics.CLUSTER_HEARTBEATS, "{\"nodeId\":\"" + key.nodeId() + "\",\"sentAt\":\"" + T.plusSeconds(round)
                        + "\",\"agentVersion\":\"0.1.0\",\"release\":\"round-" + round + "\",\"dataBytesTotal\":10,\"dataBytesFree\":5}");
            }
        }
        Eventually.await(Duration.ofSeconds(20), () -> keys.stream().filter(key -> T.plusSeconds(2).equals(lastSeen(key.nodeId()))).count(),
                count -> count == keys.size(), "every node at its newest beat");
        keys.forEach(key -> assertEquals("round-2", release(key.nodeId())));
    }
}
