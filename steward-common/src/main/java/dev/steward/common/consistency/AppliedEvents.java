package dev.steward.common.consistency;

import dev.steward.common.inbox.ProcessedEventRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this service's projections have applied given events: each event must be marked
 * processed by every projection subscribed to its topic (a topic no projection reads is applied
 * by definition). Waits, polling the inbox table, which every replica writes to.
 */
@Singleton
@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
public class AppliedEvents {

    static final Duration POLL = Duration.ofMillis(5);

    private final List<Projection> projections;
    private final ProcessedEventRepository processed;

    public AppliedEvents(List<Projection> projections, ProcessedEventRepository processed) {
        this.projections = projections;
        this.processed = processed;
    }

    /** @return the events still not applied when {@code wait} ran out (empty: all applied) */
    public List<EmittedEvents.Emitted> await(List<EmittedEvents.Emitted> events, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<EmittedEvents.Emitted> pending = new ArrayList<>(events);
        while (true) {
            pending.removeIf(this::applied);
            if (pending.isEmpty() || System.nanoTime() >= deadline) {
                return pending;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return pending;
            }
        }
    }

    private boolean applied(EmittedEvents.Emitted event) {
        String[] consumers = projections.stream().filter(projection -> projection.topics().contains(event.topic()))
                .map(Projection::consumer).distinct().toArray(String[]::new);
        return consumers.length == 0 || processed.countProcessedBy(consumers, event.eventId()) == consumers.length;
    }
}
