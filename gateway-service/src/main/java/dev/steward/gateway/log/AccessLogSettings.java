package dev.steward.gateway.log;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param enabled one line per answered request on logger {@code steward.access} ({@code STEWARD_GATEWAY_ACCESS_LOG_ENABLED}) */
@ConfigurationProperties("steward.gateway.access-log")
public record AccessLogSettings(@Bindable(defaultValue = "true") boolean enabled) {
}
