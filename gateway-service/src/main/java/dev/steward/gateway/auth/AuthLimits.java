package dev.steward.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * The gateway's verification limits, in one place ({@code steward.gateway.auth}).
 *
 * @param signatureSkew       signed timestamps (JuiceFS) and JWT iat/exp (Gluster) are accepted within this clock skew
 * @param glusterMaxLifetime  a Gluster JWT whose {@code exp - iat} is longer is refused: replays are remembered only
 *                            as long as a signature lives, so a signature may not live for ever
 * @param jidotekiHash        accept Jidoteki's {@code ?hash=}, which covers only method and path and so is a
 *                            standing credential for its endpoint; off refuses it and leaves {@code ?token=}
 * @param maxSignedBody       bodies whose signature covers them are capped before hashing
 */
@ConfigurationProperties("steward.gateway.auth")
public record AuthLimits(@Bindable(defaultValue = "5m") Duration signatureSkew,
                         @Bindable(defaultValue = "10m") Duration glusterMaxLifetime,
                         @Bindable(defaultValue = "true") boolean jidotekiHash,
                         @Bindable(defaultValue = "10MB") @ReadableBytes long maxSignedBody) {

    /** identity-service remembers a used signature for at most an hour (ReplayService). */
    static final Duration REPLAY_MEMORY = Duration.ofHours(1);

    public AuthLimits {
        // A signature must be forgotten no sooner than it stops being acceptable.
        if (signatureSkew.multipliedBy(2).plus(glusterMaxLifetime).compareTo(REPLAY_MEMORY) > 0) {
            throw new IllegalStateException("steward.gateway.auth: gluster-max-lifetime + 2 x signature-skew must not exceed "
                    + REPLAY_MEMORY + " (the replay memory's limit); got " + glusterMaxLifetime + " and " + signatureSkew);
        }
    }
}
