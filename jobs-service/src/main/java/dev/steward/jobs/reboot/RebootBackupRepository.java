package dev.steward.jobs.reboot;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/** Which backup each reboot waits for before restarting nodes. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RebootBackupRepository extends GenericRepository<RebootBackupRepository.RebootBackup, UUID> {

    @Introspected
    record RebootBackup(UUID rebootJobId, UUID backupJobId, boolean restartsPlanned) {
    }

    @Query("INSERT INTO reboot_backup (reboot_job_id, backup_job_id) VALUES (:rebootJobId, :backupJobId)")
    void link(UUID rebootJobId, UUID backupJobId);

    @Query("SELECT reboot_job_id, backup_job_id, restarts_planned FROM reboot_backup WHERE reboot_job_id = :rebootJobId")
    Optional<RebootBackup> find(UUID rebootJobId);

    @Query("UPDATE reboot_backup SET restarts_planned = TRUE WHERE reboot_job_id = :rebootJobId")
    void restartsPlanned(UUID rebootJobId);
}
