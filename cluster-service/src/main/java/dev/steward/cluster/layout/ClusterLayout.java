package dev.steward.cluster.layout;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("cluster_layout")
public record ClusterLayout(@Id Boolean singleton, long version) {
}
