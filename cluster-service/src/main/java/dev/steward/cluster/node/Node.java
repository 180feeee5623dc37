package dev.steward.cluster.node;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("node")
public record Node(@Id String nodeId, String address, @Nullable String hostname, Instant connectedAt,
                   @Nullable Instant lastSeenAt) {
}
