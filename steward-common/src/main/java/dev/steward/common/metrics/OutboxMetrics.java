package dev.steward.common.metrics;

import dev.steward.common.outbox.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox as operators watch it: {@code steward_outbox_backlog} (events not yet on Kafka),
 * {@code steward_outbox_oldest_unpublished_seconds} (how long the oldest has waited; 0 when none;
 * growing means the relay is stuck or Kafka is away) and {@code steward_outbox_failed} (events
 * Kafka refused for good, kept for an operator).
 */
@Context
@Requires(beans = {MeterRegistry.class, OutboxRepository.class})
public class OutboxMetrics extends DatabaseGauges {

    private final OutboxRepository outbox;
    private final AtomicReference<double[]> values = new AtomicReference<>(new double[] {Double.NaN, Double.NaN, Double.NaN});

    public OutboxMetrics(OutboxRepository outbox, MeterRegistry meters, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                         MetricsSettings settings) {
        super(scheduler, settings);
        this.outbox = outbox;
        Gauge.builder("steward.outbox.backlog", values, held -> held.get()[0]).description("Events written but not yet published")
                .register(meters);
        Gauge.builder("steward.outbox.oldest.unpublished", values, held -> held.get()[1]).baseUnit("seconds")
                .description("How long the oldest unpublished event has waited").register(meters);
        Gauge.builder("steward.outbox.failed", values, held -> held.get()[2]).description("Events Kafka refused for good")
                .register(meters);
        start();
    }

    @Override
    protected void refresh() {
        Instant oldest = outbox.oldestUnpublished().orElse(null);
        double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
        values.set(new double[] {outbox.countUnpublished(), age, outbox.countFailed()});
    }

    @Override
    protected void unknown() {
        values.set(new double[] {Double.NaN, Double.NaN, Double.NaN});
    }

    @PreDestroy
    @Override
    public void close() {
        super.close();
    }
}
