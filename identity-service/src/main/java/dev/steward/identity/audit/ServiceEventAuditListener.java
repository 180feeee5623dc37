package dev.steward.identity.audit;

import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Appends the other services' changes to the audit trail. Appending is not idempotent by itself,
 * so each event goes through the processed-event table: a redelivery adds no second entry.
 * Offsets are committed after each record; a failing database blocks the partition and retries
 * rather than skipping an entry.
 */
@KafkaListener(groupId = ServiceEventAuditListener.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class ServiceEventAuditListener {

    static final String CONSUMER = "identity-service.audit";

    private final Inbox.Handler handler;
    private final AuditTrail audit;

    public ServiceEventAuditListener(Inbox inbox, AuditTrail audit) {
        this.handler = inbox.handler(CONSUMER, audit::recordEvent);
        this.audit = audit;
    }

    @Topic({Topics.CLUSTER_EVENTS, Topics.JOBS_EVENTS})
    void onEvent(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }
}
