package dev.steward.common.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxEvent, Long> {

    /** Held until the end of the transaction; one relay per database publishes at a time, in id order. */
    @Query("SELECT pg_try_advisory_xact_lock(:lockKey)")
    boolean tryRelayLock(long lockKey);

    @Query("SELECT * FROM outbox_event WHERE published_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT :limit")
    List<OutboxEvent> findUnpublished(int limit);

    @Query("UPDATE outbox_event SET published_at = :publishedAt WHERE id IN (:ids)")
    void markPublished(List<Long> ids, Instant publishedAt);

    @Query("DELETE FROM outbox_event WHERE published_at < :before")
    int deletePublishedBefore(Instant before);

    @Query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND failed_at IS NULL")
    long countUnpublished();

    /** When the oldest event still waiting for the relay was written (OutboxMetrics). */
    @Query("SELECT min(created_at) FROM outbox_event WHERE published_at IS NULL AND failed_at IS NULL")
    java.util.Optional<Instant> oldestUnpublished();

    @Query("UPDATE outbox_event SET failed_at = :failedAt, error = :error WHERE id = :id")
    void markFailed(long id, Instant failedAt, String error);

    @Query("SELECT count(*) FROM outbox_event WHERE failed_at IS NOT NULL")
    long countFailed();
}
