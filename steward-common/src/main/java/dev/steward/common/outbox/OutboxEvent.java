package dev.steward.common.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An event waiting in the service's own database to be relayed to Kafka. */
@MappedEntity("outbox_event")
public record OutboxEvent(
        @Id @GeneratedValue @Nullable Long id,
        String eventId,
        String topic,
        String messageKey,
        String payload,
        Instant createdAt,
        @Nullable Instant publishedAt,
        @Nullable Instant failedAt,
        @Nullable String error) {
}
