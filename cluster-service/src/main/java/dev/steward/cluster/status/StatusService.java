package dev.steward.cluster.status;

import dev.steward.cluster.layout.LayoutService;
import dev.steward.cluster.node.Node;
import dev.steward.cluster.node.NodeRepository;
import dev.steward.cluster.node.NodeService;
import io.micronaut.context.annotation.Value;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

@Singleton
public class StatusService {

    private final NodeRepository nodes;
    private final LayoutService layouts;
    private final NodeService nodeService;
    private final String version;

    public StatusService(NodeRepository nodes, LayoutService layouts, NodeService nodeService,
                         @Value("${steward.version}") String version) {
        this.nodes = nodes;
        this.layouts = layouts;
        this.nodeService = nodeService;
        this.version = version;
    }

    @Snapshot
    public ClusterStatus status() {
        Instant now = Instant.now();
        Map<String, ClusterStatus.KnownNode> known = new LinkedHashMap<>();
        for (Node node : nodes.findAllOrderByNodeId()) {
            Long secondsAgo = node.lastSeenAt() == null ? null
                    : Math.max(0, Duration.between(node.lastSeenAt(), now).toSeconds());
            known.put(node.nodeId(), new ClusterStatus.KnownNode(node.address(), nodeService.isUp(node, now),
                    secondsAgo, node.hostname()));
        }
        return new ClusterStatus(nodes.controlPlaneNodeId(), "steward:" + version, known, layouts.view());
    }
}
