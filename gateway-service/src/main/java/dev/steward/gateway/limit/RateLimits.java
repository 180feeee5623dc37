package dev.steward.gateway.limit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The gateway's request rates ({@code steward.gateway.rate-limit}), each a token bucket: {@code rate}
 * requests a second on average, up to {@code burst} at once.
 *
 * @param perClient        every request, by client address: one address cannot starve the others
 * @param perCredential    verified requests, by principal: one leaked or runaway credential cannot either
 * @param failedPerClient  failed verifications, by client address: once spent, that address is refused
 *                         until the bucket refills, so credentials cannot be guessed at speed (the
 *                         default, one every 2 s after a burst of 10, follows Jidoteki's 2 s pause
 *                         between failed token changes) and unknown credentials cost identity little
 * @param trackedKeys      buckets kept (least recently used dropped): memory stays bounded under a flood
 */
@ConfigurationProperties("steward.gateway.rate-limit")
public record RateLimits(@Bindable(defaultValue = "true") boolean enabled,
                         @Bindable(defaultValue = "1000") double perClientRate,
                         @Bindable(defaultValue = "2000") int perClientBurst,
                         @Bindable(defaultValue = "500") double perCredentialRate,
                         @Bindable(defaultValue = "1000") int perCredentialBurst,
                         @Bindable(defaultValue = "0.5") double failedPerClientRate,
                         @Bindable(defaultValue = "10") int failedPerClientBurst,
                         @Bindable(defaultValue = "100000") long trackedKeys) {

    public RateLimits {
        if (perClientRate <= 0 || perCredentialRate <= 0 || failedPerClientRate <= 0
                || perClientBurst < 1 || perCredentialBurst < 1 || failedPerClientBurst < 1) {
            throw new IllegalArgumentException("steward.gateway.rate-limit: rates must be positive and bursts at least 1");
        }
    }
}
