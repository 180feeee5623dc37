package dev.steward.common.inbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How a consumer retries an event whose effect fails ({@code steward.events.retry}): {@code attempts}
 * tries in all, the pause doubling from {@code initialBackoff} up to {@code maxBackoff}, then the event
 * is parked ({@link DeadLetters}). The whole ladder must stay well inside Kafka's
 * {@code max.poll.interval.ms} (5 min): the consumer waits on the poll thread.
 */
@ConfigurationProperties("steward.events.retry")
public record EventRetry(@Bindable(defaultValue = "5") int attempts,
                         @Bindable(defaultValue = "200ms") Duration initialBackoff,
                         @Bindable(defaultValue = "5s") Duration maxBackoff) {

    public EventRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("steward.events.retry.attempts must be at least 1");
        }
    }

    /** The pause after failed attempt {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration pause = initialBackoff;
        for (int i = 1; i < attempt && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
