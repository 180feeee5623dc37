package dev.steward.cluster.volume;

import dev.steward.common.event.EventTypes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Past-tense volume and quota facts on {@code steward.cluster.events.v1}, keyed by volume id. */
public final class VolumeEvents {

    private VolumeEvents() {
    }

    public static final String VOLUME_CREATED = EventTypes.type("cluster", "VolumeCreated");
    public static final String VOLUME_STARTED = EventTypes.type("cluster", "VolumeStarted");
    public static final String VOLUME_STOPPED = EventTypes.type("cluster", "VolumeStopped");
    public static final String VOLUME_DELETED = EventTypes.type("cluster", "VolumeDeleted");
    public static final String QUOTA_SET = EventTypes.type("cluster", "QuotaSet");
    public static final String QUOTA_REMOVED = EventTypes.type("cluster", "QuotaRemoved");

    @Serdeable
    public record VolumeChanged(long volumeId, String name, String state) {
    }

    @Serdeable
    public record QuotaChanged(long volumeId, long quotaId, String path, @Nullable Long inodes, @Nullable Long size) {
    }
}
