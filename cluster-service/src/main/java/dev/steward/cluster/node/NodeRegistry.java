package dev.steward.cluster.node;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The set of known nodes: nodes that proved their ids join it, nodes without a role leave it when
 * an administrator forgets them or they have not been seen for long. Each change commits with its
 * event (NodeConnected, NodeForgotten).
 */
@Singleton
public class NodeRegistry {

    static final String FORGOTTEN = "forgotten";
    static final String EXPIRED = "expired";
    /** Nodes expired per transaction: a long-dead fleet is forgotten in rounds, not in one huge lock. */
    static final int EXPIRY_BATCH = 500;

    private final NodeRepository nodes;
    private final Outbox outbox;

    public NodeRegistry(NodeRepository nodes, Outbox outbox) {
        this.nodes = nodes;
        this.outbox = outbox;
    }

    @Transactional
    public void register(List<NodeAddress> proven, Instant now, Actor actor) {
        for (NodeAddress node : proven) {
            nodes.upsertConnection(node.nodeId(), node.address(), now);
            outbox.append(Topics.CLUSTER_EVENTS, ClusterEvents.NODE_CONNECTED, node.nodeId(), "node/" + node.nodeId(),
                    new ClusterEvents.NodeConnected(node.nodeId(), node.address()), actor);
        }
    }

    /** An administrator forgets a node: refused while it holds a role (remove the role and apply the layout first). */
    @Transactional
    public void forget(String nodeId, Actor actor) {
        Node node = nodes.lock(nodeId).orElseThrow(() -> new ProblemException(ClusterErrorCode.NODE_NOT_FOUND, "no known node " + nodeId));
        if (nodes.holdsRole(nodeId)) {
            throw new ProblemException(ClusterErrorCode.NODE_HOLDS_ROLE, nodeId
                    + " has a role in the layout (current or staged): stage its removal and apply the layout, then forget it");
        }
        remove(node, FORGOTTEN, actor);
    }

    /** Forgets up to {@link #EXPIRY_BATCH} roleless nodes not seen since {@code cutoff}; how many. */
    @Transactional
    public int expire(Instant cutoff, Actor actor) {
        List<Node> expired = nodes.expired(cutoff, EXPIRY_BATCH);
        expired.forEach(node -> remove(node, EXPIRED, actor));
        return expired.size();
    }

    private void remove(Node node, String reason, Actor actor) {
        nodes.deleteById(node.nodeId());
        outbox.append(Topics.CLUSTER_EVENTS, ClusterEvents.NODE_FORGOTTEN, node.nodeId(), "node/" + node.nodeId(),
                new ClusterEvents.NodeForgotten(node.nodeId(), node.address(), reason), actor);
    }
}
