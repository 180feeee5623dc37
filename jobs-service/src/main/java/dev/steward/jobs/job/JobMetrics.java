package dev.steward.jobs.job;

import dev.steward.common.metrics.DatabaseGauges;
import dev.steward.common.metrics.MetricsSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jobs as operators alert on them, from the jobs table (so every replica shows the same):
 * {@code steward_jobs{kind, status}} (jobs in each status, every kind this service runs shown from
 * the start; a rise of {@code status="failed"} is a failed job), {@code steward_jobs_seconds{kind, status}} (how long the finished ones took in
 * all: the mean duration is its rise over the rise of the count) and
 * {@code steward_jobs_running_oldest_seconds} (how long the oldest running job has run: "my update
 * is stuck"; 0 when none runs).
 */
@Context
@Requires(beans = MeterRegistry.class)
public class JobMetrics extends DatabaseGauges {

    private static final List<String> STATUSES = List.of(Job.RUNNING, Job.SUCCESS, Job.FAILED);

    private final JobMetricsRepository jobs;
    private final List<String> kinds;
    private final MultiGauge counts;
    private final MultiGauge durations;
    private final AtomicReference<Double> oldestRunning = new AtomicReference<>(Double.NaN);

    public JobMetrics(JobMetricsRepository jobs, List<JobHandler> handlers, MeterRegistry meters,
                      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, MetricsSettings settings) {
        super(scheduler, settings);
        this.jobs = jobs;
        this.kinds = handlers.stream().map(JobHandler::kind).sorted().toList();
        this.counts = MultiGauge.builder("steward.jobs").description("Jobs by kind and status").register(meters);
        this.durations = MultiGauge.builder("steward.jobs.seconds").description("Total duration of the finished jobs by kind and status")
                .register(meters);
        Gauge.builder("steward.jobs.running.oldest", oldestRunning, AtomicReference::get).baseUnit("seconds")
                .description("How long the oldest running job has run").register(meters);
        start();
    }

    @Override
    protected void refresh() {
        // every kind this service runs in every status, 0 included: a series that exists before the first
        // failure lets increase() see that failure
        Map<String, JobMetricsRepository.JobTotals> totals = new TreeMap<>();
        kinds.forEach(kind -> STATUSES.forEach(status -> totals.put(kind + "/" + status, new JobMetricsRepository.JobTotals(kind, status, 0, 0))));
        jobs.totals().forEach(row -> totals.put(row.kind() + "/" + row.status(), row));
        counts.register(totals.values().stream()
                .map(row -> MultiGauge.Row.of(Tags.of("kind", row.kind(), "status", row.status()), row.jobs())).toList(), true);
        durations.register(totals.values().stream()
                .map(row -> MultiGauge.Row.of(Tags.of("kind", row.kind(), "status", row.status()), row.seconds())).toList(), true);
        oldestRunning.set(jobs.oldestRunning().map(started -> Duration.between(started, Instant.now()).toMillis() / 1000.0).orElse(0.0));
    }

    @Override
    protected void unknown() {
        oldestRunning.set(Double.NaN);
    }

    @PreDestroy
    @Override
    public void close() {
        super.close();
    }
}
