package dev.steward.common.archive;

/**
 * What reading one archive may cost: how many entries, how large one entry may be, and how many
 * bytes a gzip member may expand to. Every archive Steward reads (restores, support parts, restore
 * parts in each service) is read with limits, so a small crafted file cannot exhaust memory.
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxExpandedBytes) {

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxExpandedBytes < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
