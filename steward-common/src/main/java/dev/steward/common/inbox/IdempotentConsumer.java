package dev.steward.common.inbox;

import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Applies an event's effect at most once per consumer: the processed-event mark and the effect
 * commit in one transaction, so a redelivered event (after a crash before the offset commit, or a
 * relay re-send) finds its mark and changes nothing.
 */
@Singleton
@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
public class IdempotentConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final ProcessedEventRepository processed;
    private final EventReader reader;

    public IdempotentConsumer(ProcessedEventRepository processed, EventReader reader) {
        this.processed = processed;
        this.reader = reader;
    }

    /**
     * Reads a record value as a CloudEvent and applies {@code effect} once. Listeners reach this
     * through {@link Inbox}, which parks what cannot be read or applied.
     *
     * @return true when the effect ran
     * @throws EventReader.MalformedEventException when the record is not a CloudEvent
     */
    @Transactional
    public boolean consume(String consumer, byte[] value, Consumer<CloudEvent> effect) {
        CloudEvent event = reader.read(value);
        if (processed.markProcessed(consumer, event.id()) == 0) {
            LOG.debug("{} skipped redelivered event {}", consumer, event.id());
            return false;
        }
        effect.accept(event);
        return true;
    }
}
