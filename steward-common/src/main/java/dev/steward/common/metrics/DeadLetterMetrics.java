package dev.steward.common.metrics;

import dev.steward.common.inbox.DeadLetterRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code steward_events_parked}: events this service's consumers parked after their retries and
 * nobody has replayed yet ({@code /steward/v1/dead-letters/<service>}). Unlike the counter of parkings, it
 * exists from the start and falls back to 0 once they are replayed, so an alert on it clears.
 */
@Context
@Requires(beans = {MeterRegistry.class, DeadLetterRepository.class})
public class DeadLetterMetrics extends DatabaseGauges {

    private final DeadLetterRepository deadLetters;
    private final AtomicReference<Double> parked = new AtomicReference<>(Double.NaN);

    public DeadLetterMetrics(DeadLetterRepository deadLetters, MeterRegistry meters,
                             @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, MetricsSettings settings) {
        super(scheduler, settings);
        this.deadLetters = deadLetters;
        Gauge.builder("steward.events.parked", parked, AtomicReference::get).description("Parked events not replayed yet")
                .register(meters);
        start();
    }

    @Override
    protected void refresh() {
        parked.set((double) deadLetters.countParked());
    }

    @Override
    protected void unknown() {
        parked.set(Double.NaN);
    }

    @PreDestroy
    @Override
    public void close() {
        super.close();
    }
}
