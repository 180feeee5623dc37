package dev.steward.common.trace;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * One OpenTelemetry SDK per service, not registered globally: W3C trace context only, every span
 * sampled, exported over OTLP/HTTP in batches when {@link TracingSettings#otlpEndpoint()} is set.
 */
@Factory
public class TracingFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TracingFactory.class);
    static final String INSTRUMENTATION = "dev.steward";

    @Singleton
    @Bean(preDestroy = "close") // flushes the spans still queued
    OpenTelemetrySdk openTelemetry(TracingSettings settings, @Value("${micronaut.application.name}") String service) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("service.instance.id"), hostName())));
        SdkTracerProviderBuilder tracers = SdkTracerProvider.builder().setResource(resource);
        if (settings.exporting()) {
            tracers.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint(settings.otlpEndpoint()).setTimeout(Duration.ofSeconds(5)).build())
                    .setScheduleDelay(Duration.ofMillis(500)).build());
            LOG.info("Exporting traces to {}", settings.otlpEndpoint());
        } else {
            // With no processor at all the SDK hands out no-op spans that only repeat the caller's ids, so a
            // service's lines and events would name its caller's span and an untraced request no trace at all.
            tracers.addSpanProcessor(new Unexported());
        }
        return OpenTelemetrySdk.builder().setTracerProvider(tracers.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    @Singleton
    Tracer tracer(OpenTelemetrySdk openTelemetry) {
        return openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** Keeps spans real (their own ids) and drops each when it ends. */
    static final class Unexported implements SpanProcessor {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
