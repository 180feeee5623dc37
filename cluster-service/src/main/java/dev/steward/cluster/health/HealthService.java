package dev.steward.cluster.health;

import dev.steward.cluster.layout.LayoutRole;
import dev.steward.cluster.layout.LayoutRoleRepository;
import dev.steward.cluster.layout.PartitionAssignment;
import dev.steward.cluster.layout.PartitionAssignmentRepository;
import dev.steward.cluster.layout.PartitionPlanner;
import dev.steward.cluster.node.Node;
import dev.steward.cluster.node.NodeRepository;
import dev.steward.cluster.node.NodeService;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cluster health from the layout and node liveness, as Garage computes it: a partition has quorum
 * when a majority of its replicas' nodes are up, and is all-ok when every one of them is.
 */
@Singleton
public class HealthService {

    private final NodeRepository nodes;
    private final NodeService nodeService;
    private final LayoutRoleRepository roles;
    private final PartitionAssignmentRepository assignments;

    public HealthService(NodeRepository nodes, NodeService nodeService, LayoutRoleRepository roles,
                         PartitionAssignmentRepository assignments) {
        this.nodes = nodes;
        this.nodeService = nodeService;
        this.roles = roles;
        this.assignments = assignments;
    }

    @Snapshot
    public ClusterHealth health() {
        Instant now = Instant.now();
        List<Node> known = nodes.findAllOrderByNodeId();
        Set<String> up = new HashSet<>();
        for (Node node : known) {
            if (nodeService.isUp(node, now)) {
                up.add(node.nodeId());
            }
        }
        List<LayoutRole> storage = roles.findAllOrderByNodeId().stream().filter(role -> role.capacity() != null).toList();
        int storageOk = (int) storage.stream().filter(role -> up.contains(role.nodeId())).count();

        List<PartitionAssignment> partitions = assignments.findAllOrderByPartition();
        int quorum = 0;
        int allOk = 0;
        for (PartitionAssignment partition : partitions) {
            int replicas = partition.nodeIds().size();
            int replicasUp = (int) partition.nodeIds().stream().filter(up::contains).count();
            if (replicas > 0 && replicasUp >= writeQuorum(replicas)) {
                quorum++;
            }
            if (replicas > 0 && replicasUp == replicas) {
                allOk++;
            }
        }
        int total = PartitionPlanner.PARTITIONS;
        String status = quorum < total ? ClusterHealth.UNAVAILABLE
                : storageOk < storage.size() ? ClusterHealth.DEGRADED
                : ClusterHealth.HEALTHY;
        return new ClusterHealth(status, known.size(), up.size(), storage.size(), storageOk, total, quorum, allOk);
    }

    /** A majority of the replicas (2 of 3). */
    static int writeQuorum(int replicas) {
        return replicas / 2 + 1;
    }
}
