package dev.steward.identity.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("gluster_app")
public record GlusterApp(@Id String id, String secretSealed, Instant createdAt, @Nullable Instant resetAt) {
}
