package dev.steward.jobs.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobLogRepository extends GenericRepository<Job, UUID> {

    @Query("INSERT INTO job_log (job_id, at, line) VALUES (:jobId, :at, :line)")
    void append(UUID jobId, Instant at, String line);

    @Query("SELECT line FROM job_log WHERE job_id = :jobId ORDER BY seq")
    List<String> lines(UUID jobId);

    @Query("SELECT line FROM (SELECT seq, line FROM job_log WHERE job_id = :jobId ORDER BY seq DESC LIMIT :count) last ORDER BY seq")
    List<String> lastLines(UUID jobId, int count);
}
