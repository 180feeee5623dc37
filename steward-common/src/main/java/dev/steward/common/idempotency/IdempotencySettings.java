package dev.steward.common.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code steward.idempotency}: how long a key's first answer is kept for retries, and the longest
 * key accepted (Stripe's and the IETF draft's practice: 24 h, 255 characters).
 */
@ConfigurationProperties("steward.idempotency")
public record IdempotencySettings(@Bindable(defaultValue = "24h") Duration retention,
                                  @Bindable(defaultValue = "255") int maxKeyLength) {
}
