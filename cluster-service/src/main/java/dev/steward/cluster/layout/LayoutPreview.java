package dev.steward.cluster.layout;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What {@code POST /v0/layout/apply} with {@code version} would do now: the next version's roles, the
 * partitions each storage node would hold, and how many partition replicas would move to another node.
 */
@Serdeable
public record LayoutPreview(long version, boolean hasStagedChanges, Map<String, LayoutView.Role> roles,
                            Map<String, Integer> partitionsPerNode, int partitionsMoved) {
}
