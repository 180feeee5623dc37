package dev.steward.cluster.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Bodies of the JuiceFS console and Gluster REST volume APIs (JuiceFS fields snake_case, as its console uses). */
public final class VolumeViews {

    private VolumeViews() {
    }

    /** A volume on the JuiceFS console API. */
    @Serdeable
    public record JuiceFsVolume(long id, String name, String state, Instant created, int replica) {

        static JuiceFsVolume of(Volume volume) {
            return new JuiceFsVolume(volume.id(), volume.name(), volume.state(), volume.createdAt(), volume.replica());
        }
    }

    /** A volume as Gluster's volume info shows it. */
    @Serdeable
    public record GlusterVolume(String name, long id, String status, String type, int replica, int num_bricks, List<String> bricks) {

        static GlusterVolume of(Volume volume) {
            return new GlusterVolume(volume.name(), volume.id(), volume.state(), volume.replica() > 1 ? "Replicate" : "Distribute",
                    volume.replica(), volume.bricks().size(), volume.bricks());
        }
    }

    @Serdeable
    public record CreateVolume(@Nullable String name, @Nullable Integer replica, @Nullable List<String> bricks, @Nullable Boolean force) {
    }

    @Serdeable
    public record Force(@Nullable Boolean force) {
    }

    /**
     * A directory quota; Steward adds what the nodes hold under its path ({@code used_inodes}: files
     * and directories, {@code used_size}: bytes; null until an agent has reported the path) and
     * whether that is over a limit ({@code exceeded}; null while unknown).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QuotaView(long id, String path, @Nullable Long inodes, @Nullable Long size, Instant created,
                            @JsonProperty("used_inodes") @Nullable Long usedInodes, @JsonProperty("used_size") @Nullable Long usedSize,
                            @Nullable Boolean exceeded) {

        static QuotaView of(Quota quota, @Nullable Long usedInodes, @Nullable Long usedSize) {
            Boolean exceeded = usedInodes == null ? null
                    : (quota.inodes() != null && usedInodes > quota.inodes()) || (quota.size() != null && usedSize > quota.size());
            return new QuotaView(quota.id(), quota.path(), quota.inodes(), quota.size(), quota.createdAt(), usedInodes, usedSize, exceeded);
        }
    }

    /** POST takes path and at least one limit; PUT changes the fields present. */
    @Serdeable
    public record QuotaRequest(@Nullable String path, @Nullable Long inodes, @Nullable Long size) {
    }
}
