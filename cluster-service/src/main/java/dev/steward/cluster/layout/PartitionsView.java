package dev.steward.cluster.layout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The current partition assignment as Steward shows it (Garage prints the same with {@code layout show}). */
@Serdeable
public record PartitionsView(long version, @Nullable Integer replicationFactor, Map<String, Integer> partitionsPerNode,
                             List<List<String>> partitions) {
}
