package dev.steward.cluster.usage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * One part of a node agent's usage scan ({@code steward.cluster.node-usage.v1}): every part of a
 * scan carries the scan's {@code measuredAt}; the {@code last} one ends it.
 */
@Serdeable
public record UsageReport(@Nullable String nodeId, @Nullable Instant measuredAt, @Nullable Integer part, boolean last,
                          boolean truncated, @Nullable List<Entry> entries) {

    /**
     * What a node holds under one directory of a bucket or volume: regular files, directories
     * and bytes beneath it; {@code path} is {@code /} for the bucket or volume itself.
     */
    @Serdeable
    public record Entry(@Nullable String kind, @Nullable String name, @Nullable String path, @Nullable Long files,
                        @Nullable Long dirs, @Nullable Long bytes) {
    }
}
