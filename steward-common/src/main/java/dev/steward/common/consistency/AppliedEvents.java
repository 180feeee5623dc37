package dev.steward.common.consistency;

import dev.steward.common.concurrent.Polling;
import dev.steward.common.inbox.ProcessedEventRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /** Topic to the projections reading it: fixed once the beans exist. */
    private final Map<String, String[]> consumersByTopic = new HashMap<>();
    private final ProcessedEventRepository processed;

    public AppliedEvents(List<Projection> projections, ProcessedEventRepository processed) {
        Map<String, Set<String>> byTopic = new HashMap<>();
        projections.forEach(projection -> projection.topics()
                .forEach(topic -> byTopic.computeIfAbsent(topic, t -> new TreeSet<>()).add(projection.consumer())));
        byTopic.forEach((topic, consumers) -> consumersByTopic.put(topic, consumers.toArray(String[]::new)));
        this.processed = processed;
    }

    /** @return the events still not applied when {@code wait} ran out (empty: all applied) */
    public List<EmittedEvents.Emitted> await(List<EmittedEvents.Emitted> events, Duration wait) {
        List<EmittedEvents.Emitted> pending = new ArrayList<>(events);
        Polling.until(wait, POLL, () -> {
            pending.removeIf(this::applied);
            return pending.isEmpty();
        });
        return pending;
    }

    private boolean applied(EmittedEvents.Emitted event) {
        String[] consumers = consumersByTopic.get(event.topic());
        return consumers == null || processed.countProcessedBy(consumers, event.eventId()) == consumers.length;
    }
}
