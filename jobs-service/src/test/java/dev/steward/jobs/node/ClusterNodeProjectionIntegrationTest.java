package dev.steward.jobs.node;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.common.event.Topics;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterNodeProjectionIntegrationTest extends AbstractJobsTest {

    @Inject
    KnownNodeRepository nodes;


    @Test
    void aRedeliveredOldEventDoesNotRevertTheProjection() {
        String nodeId = UUID.randomUUID().toString().replace("-", "");
        String first = TestEvents.nodeConnected(UUID.randomUUID().toString(), nodeId, "10.0.0.1:3901", OffsetDateTime.now().minusMinutes(1));
        String moved = TestEvents.nodeConnected(UUID.randomUUID().toString(), nodeId, "10.0.0.2:3901", OffsetDateTime.now());

        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, first);
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, moved);
        Eventually.await(Duration.ofSeconds(30), () -> nodes.findById(nodeId).map(KnownNode::address),
                address -> address.equals(Optional.of("10.0.0.2:3901")), "node projected at its new address");

        // The first event delivered again, then a marker for another node to know the consumer got past it.
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, first);
        String markerNode = UUID.randomUUID().toString().replace("-", "");
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId,
                TestEvents.nodeConnected(UUID.randomUUID().toString(), markerNode, "10.9.9.9:3901", OffsetDateTime.now()));
        Eventually.await(Duration.ofSeconds(30), () -> nodes.findById(markerNode).isPresent(), present -> present, "marker");

        assertEquals("10.0.0.2:3901", nodes.findById(nodeId).orElseThrow().address(),
                "the redelivered first event must change nothing");
    }

    /** A node cluster-service forgot (an administrator, or expiry) gets no more rollout or reboot tasks. */
    @Test
    void aForgottenNodeLeavesTheKnownNodes() {
        String nodeId = UUID.randomUUID().toString().replace("-", "");
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId,
                TestEvents.nodeConnected(UUID.randomUUID().toString(), nodeId, "10.0.0.3:3901", OffsetDateTime.now()));
        Eventually.await(Duration.ofSeconds(30), () -> nodes.findById(nodeId).isPresent(), present -> present, "the node to be known");
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, TestEvents.event(UUID.randomUUID().toString(), "cluster", "NodeForgotten",
                "node/" + nodeId, "{\"nodeId\":\"" + nodeId + "\",\"address\":\"10.0.0.3:3901\",\"reason\":\"expired\"}"));
        Eventually.await(Duration.ofSeconds(30), () -> nodes.findById(nodeId).isPresent(), present -> !present, "the node to be forgotten");
    }
}
