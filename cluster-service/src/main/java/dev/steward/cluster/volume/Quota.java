package dev.steward.cluster.volume;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("volume_quota")
public record Quota(@Id @GeneratedValue @Nullable Long id, long volumeId, String path, @Nullable Long inodes, @Nullable Long size,
                    Instant createdAt) {
}
