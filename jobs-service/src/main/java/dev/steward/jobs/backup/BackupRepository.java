package dev.steward.jobs.backup;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BackupRepository extends GenericRepository<BackupRepository.Archive, UUID> {

    @Introspected
    record Archive(UUID jobId, String sha256, long size, @Nullable Instant deletedAt) {
    }

    @Introspected
    record ArchiveContent(byte[] content) {
    }

    @Introspected
    record InstallationKey(String secret) {
    }

    @Introspected
    record Chunk(String service, String schemaVersion, int chunkIndex, int chunkCount, String sha256, String data) {
    }

    @Introspected
    record Vote(String service, @Nullable Boolean prepared, @Nullable String reason, boolean finished) {
    }

    @Query("""
            INSERT INTO backup_chunk (job_id, service, schema_version, chunk_index, chunk_count, sha256, data)
            SELECT :jobId, :service, :schemaVersion, :chunkIndex, :chunkCount, :sha256, :data WHERE EXISTS (SELECT 1 FROM job WHERE id = :jobId)
            ON CONFLICT DO NOTHING""")
    void saveChunk(UUID jobId, String service, String schemaVersion, int chunkIndex, int chunkCount, String sha256, String data);

    /** The services whose every chunk has arrived. */
    @Query("SELECT service FROM backup_chunk WHERE job_id = :jobId GROUP BY service HAVING count(*) = max(chunk_count) ORDER BY service")
    List<String> completeServices(UUID jobId);

    @Query("SELECT service, schema_version, chunk_index, chunk_count, sha256, data FROM backup_chunk WHERE job_id = :jobId AND service = :service ORDER BY chunk_index")
    List<Chunk> chunks(UUID jobId, String service);

    @Query("DELETE FROM backup_chunk WHERE job_id = :jobId")
    void forgetChunks(UUID jobId);

    @Query("INSERT INTO backup_archive (job_id, content, sha256, size) VALUES (:jobId, :content, :sha256, :size)")
    void saveArchive(UUID jobId, byte[] content, String sha256, long size);

    @Query("SELECT job_id, sha256, size, deleted_at FROM backup_archive WHERE job_id = :jobId")
    Optional<Archive> archive(UUID jobId);

    @Query("SELECT content FROM backup_archive WHERE job_id = :jobId AND deleted_at IS NULL")
    Optional<ArchiveContent> archiveContent(UUID jobId);

    /** STOP of a finished backup: the archive goes, the record that it existed stays. */
    @Query("UPDATE backup_archive SET content = ''::bytea, deleted_at = :at WHERE job_id = :jobId AND deleted_at IS NULL")
    void deleteArchive(UUID jobId, Instant at);

    @Query("""
            INSERT INTO restore_vote (job_id, service, prepared, reason) SELECT :jobId, :service, :prepared, :reason
            WHERE EXISTS (SELECT 1 FROM job WHERE id = :jobId)
            ON CONFLICT (job_id, service) DO UPDATE SET prepared = EXCLUDED.prepared, reason = EXCLUDED.reason""")
    void vote(UUID jobId, String service, boolean prepared, @Nullable String reason);

    @Query("""
            INSERT INTO restore_vote (job_id, service, finished) SELECT :jobId, :service, TRUE WHERE EXISTS (SELECT 1 FROM job WHERE id = :jobId)
            ON CONFLICT (job_id, service) DO UPDATE SET finished = TRUE""")
    void finished(UUID jobId, String service);

    @Query("SELECT service, prepared, reason, finished FROM restore_vote WHERE job_id = :jobId ORDER BY service")
    List<Vote> votes(UUID jobId);

    @Query("INSERT INTO restore_decision (job_id, commit, decided_at) VALUES (:jobId, :commit, :decidedAt)")
    void decide(UUID jobId, boolean commit, Instant decidedAt);

    @Query("SELECT commit FROM restore_decision WHERE job_id = :jobId")
    Optional<Boolean> decision(UUID jobId);

    /** Stores {@code secret} as the installation's backup key unless one is stored already (first writer wins). */
    @Query("INSERT INTO backup_key (id, secret) VALUES (1, :secret) ON CONFLICT (id) DO NOTHING")
    void offerInstallationKey(String secret);

    @Query("SELECT secret FROM backup_key WHERE id = 1")
    Optional<InstallationKey> installationKey();
}
