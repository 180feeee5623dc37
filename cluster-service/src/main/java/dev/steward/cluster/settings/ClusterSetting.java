package dev.steward.cluster.settings;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One settings document, stored as the validated JSON it was sent as. */
@MappedEntity("cluster_setting")
public record ClusterSetting(@Id String name, String document, Instant updatedAt) {
}
