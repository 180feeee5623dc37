package dev.steward.common.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Steward's own gauges ({@code steward.metrics}): what they show is read from the service's
 * database every {@code refresh}, not at each scrape, so scrapers never add database load.
 */
@ConfigurationProperties("steward.metrics")
public record MetricsSettings(@Bindable(defaultValue = "15s") Duration refresh) {
}
