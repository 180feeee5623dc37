package dev.steward.common.inbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Applies an event's effect at most once per consumer: the processed-event mark and the effect
 * commit in one transaction, so a redelivered event (after a crash before the offset commit, or a
 * relay re-send) finds its mark and changes nothing.
 */
@Singleton
@Requires(beans = javax.sql.DataSource.class)
public class IdempotentConsumer {

    private final ProcessedEventRepository processed;

    public IdempotentConsumer(ProcessedEventRepository processed) {
        this.processed = processed;
    }

    /** @return true when the effect ran, false when the event had been processed before */
    @Transactional
    public boolean processOnce(String consumer, String eventId, Runnable effect) {
        if (processed.markProcessed(consumer, eventId) == 0) {
            return false;
        }
        effect.run();
        return true;
    }
}
