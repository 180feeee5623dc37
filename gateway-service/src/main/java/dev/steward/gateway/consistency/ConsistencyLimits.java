package dev.steward.gateway.consistency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Read-your-writes bounds ({@code steward.gateway.consistency}). The credential lease's length is
 * identity-service's to set ({@code steward.identity.gateway-lease}), since it is also how long a
 * change waits there for a gateway that stopped answering.
 *
 * @param applyWait how long a mutation's answer waits for the services that project its events;
 *                  past it the answer goes out with {@code Steward-Consistency: pending}
 * @param leasePoll how long one credential-lease poll may wait at identity for a change
 */
@ConfigurationProperties("steward.gateway.consistency")
public record ConsistencyLimits(@Bindable(defaultValue = "5s") Duration applyWait,
                                @Bindable(defaultValue = "250ms") Duration leasePoll) {
}
