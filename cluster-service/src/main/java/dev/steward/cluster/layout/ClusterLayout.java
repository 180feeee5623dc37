package dev.steward.cluster.layout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The one current layout: its version, and the replication factor its partitions were assigned with. */
@MappedEntity("cluster_layout")
public record ClusterLayout(@Id Boolean singleton, long version, @Nullable Integer replicationFactor,
                            @Nullable Instant appliedAt) {
}
