package dev.steward.common.inbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProcessedEventRepository extends GenericRepository<ProcessedEventRepository.Row, String> {

    /** @return 1 when this consumer sees the event for the first time, 0 when it was already processed */
    @Query("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING")
    int markProcessed(String consumer, String eventId);

    @Query("SELECT count(*) FROM processed_event WHERE consumer = ANY(:consumers) AND event_id = :eventId")
    long countProcessedBy(@io.micronaut.data.annotation.TypeDef(type = io.micronaut.data.model.DataType.STRING_ARRAY) String[] consumers,
                          String eventId);

    @Query("SELECT count(*) FROM processed_event WHERE consumer = :consumer")
    long countFor(String consumer);

    /** Only here to give the generic repository an entity type; the table is reached through the queries above. */
    @io.micronaut.data.annotation.MappedEntity("processed_event")
    record Row(@io.micronaut.data.annotation.Id String eventId, String consumer) {
    }
}
