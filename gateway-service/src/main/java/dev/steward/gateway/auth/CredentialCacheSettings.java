package dev.steward.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code steward.gateway.credential-cache}: how long a found credential is kept (a safety net: the
 * credential lease and eviction events end entries sooner), how long "no such credential" is kept,
 * and how many of each at most.
 */
@ConfigurationProperties("steward.gateway.credential-cache")
public record CredentialCacheSettings(@Bindable(defaultValue = "30s") Duration ttl,
                                      @Bindable(defaultValue = "5s") Duration negativeTtl,
                                      @Bindable(defaultValue = "100000") int maxEntries) {
}
