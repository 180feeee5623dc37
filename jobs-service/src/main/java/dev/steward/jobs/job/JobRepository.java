package dev.steward.jobs.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, UUID> {

    /** The job a kind's status reports: the running one while there is one, else the latest (a refusal included). */
    @Query("SELECT * FROM job WHERE kind = :kind ORDER BY status = 'running' DESC, created_at DESC LIMIT 1")
    Optional<Job> reported(String kind);

    @Query("SELECT * FROM job WHERE (CAST(:kind AS TEXT) IS NULL OR kind = :kind) ORDER BY created_at DESC LIMIT :limit")
    List<Job> latest(@Nullable String kind, int limit);

    boolean existsByStatusAndExclusive(String status, boolean exclusive);

    /** Running jobs this runner may take: its own, never leased, or whose holder stopped renewing. */
    @Query("""
            SELECT * FROM job WHERE status = 'running' AND (lease_owner = :owner OR lease_until IS NULL OR lease_until < :now)
            ORDER BY created_at FOR UPDATE SKIP LOCKED""")
    List<Job> claimable(String owner, Instant now);

    @Query("UPDATE job SET lease_owner = :owner, lease_until = :until WHERE id = :id")
    void lease(UUID id, String owner, Instant until);

    @Query("SELECT * FROM job WHERE id = :id FOR UPDATE")
    Optional<Job> lock(UUID id);
}
