package dev.steward.gateway.proxy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code steward.gateway.proxy}: how long an owning service may take to answer, unless its route
 * sets a {@code timeout} of its own (the synchronous restore waits minutes for every service's vote).
 * The HTTP client's {@code read-timeout} must be at least the longest route timeout. A replica that
 * refused a connection is tried after the others for {@code replica-backoff}.
 */
@ConfigurationProperties("steward.gateway.proxy")
public record ProxyLimits(@Bindable(defaultValue = "60s") Duration answerTimeout,
                          @Bindable(defaultValue = "5s") Duration replicaBackoff) {
}
