package dev.steward.identity.lease;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Bounds of the gateways' credential-cache leases ({@code steward.identity.gateway-lease}).
 *
 * @param duration how long a gateway may use its cache after confirming the latest credential change;
 *                 also the longest a credential change waits for a gateway that stopped confirming, so
 *                 the bound on revocation when a gateway is unreachable
 * @param maxPoll  the longest one lease poll waits here for a change; at most half the duration, so
 *                 a gateway renews in time
 */
@ConfigurationProperties("steward.identity.gateway-lease")
public record GatewayLeaseLimits(@Bindable(defaultValue = "800ms") Duration duration,
                                 @Bindable(defaultValue = "250ms") Duration maxPoll) {

    public GatewayLeaseLimits {
        if (maxPoll.multipliedBy(2).compareTo(duration) > 0) {
            throw new IllegalStateException("steward.identity.gateway-lease: max-poll must be at most half of duration; got "
                    + maxPoll + " and " + duration);
        }
    }
}
