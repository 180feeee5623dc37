package dev.steward.common.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The outbox's limits ({@code steward.outbox}). {@code maxEventBytes} stays below Kafka's default
 * 1 MiB record limit (producer {@code max.request.size}, broker {@code message.max.bytes}) with room
 * for headers: an event over it is refused in the writing transaction, never later by the broker.
 */
@ConfigurationProperties("steward.outbox")
public record OutboxLimits(@Bindable(defaultValue = "900000") int maxEventBytes,
                           @Bindable(defaultValue = "7d") Duration retention) {
}
