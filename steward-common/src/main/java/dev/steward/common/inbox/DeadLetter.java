package dev.steward.common.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An event one consumer could not apply, parked with its error until an operator replays it. */
@MappedEntity("dead_letter")
public record DeadLetter(
        @Id @GeneratedValue @Nullable Long id,
        String consumer,
        String topic,
        int kafkaPartition,
        long kafkaOffset,
        @Nullable String messageKey,
        byte[] payload,
        String error,
        int attempts,
        Instant parkedAt,
        @Nullable Instant replayedAt) {
}
