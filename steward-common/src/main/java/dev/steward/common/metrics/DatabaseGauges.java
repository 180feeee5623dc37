package dev.steward.common.metrics;

import io.micronaut.scheduling.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The base of gauges whose values come from the database: {@link #refresh()} runs every
 * {@link MetricsSettings#refresh()} on the scheduler; when it fails (the database is down) the
 * gauges show NaN, so an alert on them sees "unknown", never a stale healthy value.
 */
public abstract class DatabaseGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    private final TaskScheduler scheduler;
    private final Duration every;
    private volatile ScheduledFuture<?> schedule;

    protected DatabaseGauges(TaskScheduler scheduler, MetricsSettings settings) {
        this.scheduler = scheduler;
        this.every = settings.refresh();
    }

    /** Starts the refreshes; the subclass calls it last in its constructor, once its gauges exist. */
    protected final void start() {
        schedule = scheduler.scheduleWithFixedDelay(Duration.ofMillis(Math.min(1000, every.toMillis())), every, this::safely);
    }

    /** Reads the values and sets them on the gauges. */
    protected abstract void refresh();

    /** Sets every gauge to NaN. */
    protected abstract void unknown();

    private void safely() {
        try {
            refresh();
        } catch (Exception e) {
            LOG.debug("{} not refreshed: {}", getClass().getSimpleName(), e.getMessage());
            unknown();
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
