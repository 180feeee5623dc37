package dev.steward.common.backup;

import dev.steward.common.event.EventTypes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The backup and restore conversation between jobs-service (coordinator) and every service that
 * owns data (participants, jobs-service included). Requests go on
 * {@code steward.jobs.backup-requests.v1}, answers on {@code steward.jobs.backup-parts.v1}; a
 * service's data travels base64-encoded in chunks, a gzipped JSON document per service.
 */
public final class BackupMessages {

    private BackupMessages() {
    }

    public static final String BACKUP_REQUESTED = EventTypes.type("jobs", "BackupRequested");
    public static final String RESTORE_CHUNK_SENT = EventTypes.type("jobs", "RestoreChunkSent");
    public static final String RESTORE_DECIDED = EventTypes.type("jobs", "RestoreDecided");
    /** A support bundle wants each service's recent log lines; they come back as chunks like a backup's. */
    public static final String LOGS_REQUESTED = EventTypes.type("jobs", "LogsRequested");
    public static final String LOGS_CHUNK_READY = "LogsChunkReady";
    /** Gateways answer a log collection one part per instance: gateway-service-{host}-{port}. */
    public static final String GATEWAY_LOGS_PART_PREFIX = "gateway-service-";
    public static final String BACKUP_CHUNK_READY = "BackupChunkReady";
    public static final String RESTORE_PREPARED = "RestorePrepared";
    public static final String RESTORE_FINISHED = "RestoreFinished";

    /** Chunks of at most this many base64 characters keep every Kafka record well under 1 MB. */
    public static final int CHUNK_CHARS = 256 * 1024;

    /** A part as base64 chunks of at most {@link #CHUNK_CHARS} characters (at least one chunk). */
    public static java.util.List<String> chunks(byte[] part) {
        String encoded = java.util.Base64.getEncoder().encodeToString(part);
        java.util.List<String> chunks = new java.util.ArrayList<>();
        for (int start = 0; start < encoded.length() || chunks.isEmpty(); start += CHUNK_CHARS) {
            chunks.add(encoded.substring(start, Math.min(encoded.length(), start + CHUNK_CHARS)));
        }
        return chunks;
    }

    /** The part that {@link #chunks} cut, from its chunks in order. */
    public static byte[] join(java.util.List<String> chunks) {
        return java.util.Base64.getDecoder().decode(String.join("", chunks));
    }

    @Serdeable
    public record BackupRequested(String jobId) {
    }

    @Serdeable
    public record LogsRequested(String jobId) {
    }

    /** One chunk of a service's backup; {@code sha256} is of the whole (gzipped) part. */
    @Serdeable
    public record BackupChunk(String jobId, String service, String schemaVersion, int chunkIndex, int chunkCount, String sha256,
                              String data) {
    }

    /** One chunk of the part a service is to restore; when all have arrived the service prepares. */
    @Serdeable
    public record RestoreChunk(String restoreId, String service, int chunkIndex, int chunkCount, String sha256, String data) {
    }

    /** A participant's vote: its data is staged in a prepared transaction ({@code prepared}), or why not. */
    @Serdeable
    public record RestorePrepared(String restoreId, String service, boolean prepared, @Nullable String reason) {
    }

    @Serdeable
    public record RestoreDecided(String restoreId, boolean commit) {
    }

    @Serdeable
    public record RestoreFinished(String restoreId, String service, boolean committed) {
    }
}
