package dev.steward.identity.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One JuiceFS client ACL entry of a volume. */
@MappedEntity("volume_export")
public record VolumeExport(@Id @GeneratedValue @Nullable Long id, long volumeId, String description, String ipRange, String network,
                           boolean apiOnly, boolean readOnly, boolean appendOnly, Instant createdAt, @Nullable Instant updatedAt) {
}
