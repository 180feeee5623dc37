package dev.steward.jobs.node;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("known_node")
public record KnownNode(@Id String nodeId, String address, Instant connectedAt) {
}
