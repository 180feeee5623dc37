package dev.steward.common.inbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeadLetterRepository extends CrudRepository<DeadLetter, Long> {

    /** A record parked twice (its park was retried) stays one row. */
    @Query("""
            INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, message_key, payload, error, attempts, parked_at)
            VALUES (:consumer, :topic, :partition, :offset, :messageKey, :payload, :error, :attempts, :parkedAt)
            ON CONFLICT (consumer, topic, kafka_partition, kafka_offset) DO NOTHING""")
    int park(String consumer, String topic, int partition, long offset, @Nullable String messageKey, byte[] payload,
             String error, int attempts, Instant parkedAt);

    @Query("SELECT * FROM dead_letter WHERE id < :before ORDER BY id DESC LIMIT :limit")
    List<DeadLetter> findPage(long before, int limit);

    @Query("UPDATE dead_letter SET replayed_at = :replayedAt, attempts = attempts + 1 WHERE id = :id AND replayed_at IS NULL")
    int markReplayed(long id, Instant replayedAt);

    @Query("UPDATE dead_letter SET error = :error, attempts = attempts + 1 WHERE id = :id")
    void failedAgain(long id, String error);

    @Query("SELECT count(*) FROM dead_letter WHERE replayed_at IS NULL")
    long countParked();
}
