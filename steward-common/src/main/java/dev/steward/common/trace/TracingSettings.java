package dev.steward.common.trace;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where spans go ({@code STEWARD_TRACING_OTLP_ENDPOINT}). Unset, the default, spans are still made, so
 * trace ids reach logs, problem+json bodies and events, but none is exported.
 *
 * @param otlpEndpoint OTLP/HTTP traces endpoint, e.g. {@code http://collector:4318/v1/traces}
 */
@ConfigurationProperties("steward.tracing")
public record TracingSettings(@Nullable String otlpEndpoint) {

    public boolean exporting() {
        return otlpEndpoint != null && !otlpEndpoint.isBlank();
    }
}
