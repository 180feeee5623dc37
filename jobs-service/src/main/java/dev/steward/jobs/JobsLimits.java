package dev.steward.jobs;

import dev.steward.common.archive.ArchiveLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * jobs-service's limits, in one place ({@code steward.jobs.limits}; docs/limits.md). Uploads are
 * spooled to disk by the HTTP server (never held whole in the heap while they arrive) up to
 * {@code micronaut.server.multipart.max-file-size}, which must be at least the largest of these.
 *
 * @param restoreArchive      a backup archive sent to {@code /backup/restore}
 * @param updatePackage       an update package sent to {@code /update}; the STWDUPD1 format is one
 *                            AES-GCM message, authenticated whole before a byte is used, so the
 *                            package is decrypted in memory: keep this within the heap's reach
 * @param archiveEntries      entries in one archive read (restore, support)
 * @param archiveEntryBytes   one entry of an archive read
 * @param expandedPartBytes   what one gzipped part (a service's backup, its logs) may expand to
 */
@ConfigurationProperties("steward.jobs.limits")
public record JobsLimits(@Bindable(defaultValue = "2GB") @ReadableBytes long restoreArchive,
                         @Bindable(defaultValue = "256MB") @ReadableBytes long updatePackage,
                         @Bindable(defaultValue = "64") int archiveEntries,
                         @Bindable(defaultValue = "1GB") @ReadableBytes long archiveEntryBytes,
                         @Bindable(defaultValue = "1GB") @ReadableBytes long expandedPartBytes) {

    public ArchiveLimits archives() {
        return new ArchiveLimits(archiveEntries, archiveEntryBytes, expandedPartBytes);
    }
}
