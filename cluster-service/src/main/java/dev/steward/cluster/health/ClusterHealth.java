package dev.steward.cluster.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** GetClusterHealth's body, field names as in the Garage admin API v0. */
@Serdeable
public record ClusterHealth(
        String status,
        @JsonProperty("known_nodes") int knownNodes,
        @JsonProperty("connected_nodes") int connectedNodes,
        @JsonProperty("storage_nodes") int storageNodes,
        @JsonProperty("storage_nodes_ok") int storageNodesOk,
        int partitions,
        @JsonProperty("partitions_quorum") int partitionsQuorum,
        @JsonProperty("partitions_all_ok") int partitionsAllOk) {

    public static final String HEALTHY = "Healthy";
    public static final String DEGRADED = "Degraded";
    public static final String UNAVAILABLE = "Unavailable";
}
