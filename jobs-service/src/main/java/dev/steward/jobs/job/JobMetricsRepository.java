package dev.steward.jobs.job;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What JobMetrics shows, aggregated by the database. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobMetricsRepository extends GenericRepository<Job, java.util.UUID> {

    /** Jobs of one kind in one status, and how long the finished ones took in all. */
    @Introspected
    record JobTotals(String kind, String status, long jobs, double seconds) {
    }

    @Query("""
            SELECT kind, status, count(*) AS jobs,
                   COALESCE(sum(EXTRACT(EPOCH FROM finished_at - created_at)), 0) AS seconds
            FROM job GROUP BY kind, status""")
    List<JobTotals> totals();

    @Query("SELECT min(created_at) FROM job WHERE status = 'running'")
    Optional<Instant> oldestRunning();
}
