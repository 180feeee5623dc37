package dev.steward.cluster.usage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Bounds of the node agents' usage reports ({@code steward.cluster.usage}).
 *
 * @param maxEntriesPerPart a part with more entries is dropped whole (agents send at most 1,000)
 */
@ConfigurationProperties("steward.cluster.usage")
public record UsageLimits(@Bindable(defaultValue = "2000") int maxEntriesPerPart) {
}
