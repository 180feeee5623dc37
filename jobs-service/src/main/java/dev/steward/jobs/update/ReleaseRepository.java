package dev.steward.jobs.update;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReleaseRepository extends GenericRepository<ReleaseRepository.Release, Short> {

    @Introspected
    record Release(String version, String builddate, @Nullable String changelog, Instant updatedAt) {
    }

    @Introspected
    record StoredPackage(UUID jobId, String version, String builddate, @Nullable String changelog, String sha256) {
    }

    @Query("SELECT version, builddate, changelog, updated_at FROM system_release WHERE id = 1")
    Optional<Release> current();

    @Query("""
            INSERT INTO system_release (id, version, builddate, changelog, job_id, updated_at) VALUES (1, :version, :builddate, :changelog, :jobId, :updatedAt)
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, builddate = EXCLUDED.builddate, changelog = EXCLUDED.changelog,
              job_id = EXCLUDED.job_id, updated_at = EXCLUDED.updated_at""")
    void install(String version, String builddate, @Nullable String changelog, UUID jobId, Instant updatedAt);

    @Query("INSERT INTO update_package (job_id, version, builddate, changelog, sha256, content) VALUES (:jobId, :version, :builddate, :changelog, :sha256, :content)")
    void savePackage(UUID jobId, String version, String builddate, @Nullable String changelog, String sha256, byte[] content);

    @Query("SELECT job_id, version, builddate, changelog, sha256 FROM update_package WHERE job_id = :jobId")
    Optional<StoredPackage> findPackage(UUID jobId);

    @Introspected
    record PackageContent(byte[] content) {
    }

    @Query("SELECT content FROM update_package WHERE job_id = :jobId")
    Optional<PackageContent> packageContent(UUID jobId);
}
