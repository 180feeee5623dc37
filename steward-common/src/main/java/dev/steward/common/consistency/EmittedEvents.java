package dev.steward.common.consistency;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events a request's transaction appended to the outbox, collected on the request so that its
 * answer can name them ({@link #HEADER}) and the gateway can wait until the services that project
 * them have applied them before the client sees the answer (read-your-writes, docs/decisions.md).
 */
public final class EmittedEvents {

    /** Response header from a service to the gateway: {@code topic/eventId} pairs, comma-separated. Never sent to clients. */
    public static final String HEADER = "Steward-Events";

    private static final String ATTRIBUTE = "steward.emitted-events";

    public record Emitted(String topic, String eventId) {

        @Override
        public String toString() {
            return topic + "/" + eventId;
        }
    }

    private EmittedEvents() {
    }

    /** Called by the outbox: outside a request (a Kafka listener, a scheduled job) there is no one to tell. */
    public static void record(String topic, String eventId) {
        ServerRequestContext.currentRequest().ifPresent(request -> collected(request).add(new Emitted(topic, eventId)));
    }

    public static List<Emitted> of(HttpRequest<?> request) {
        return collectedIfAny(request).map(List::copyOf).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private static Optional<List<Emitted>> collectedIfAny(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE).map(list -> (List<Emitted>) list);
    }

    private static synchronized List<Emitted> collected(HttpRequest<?> request) {
        Optional<List<Emitted>> existing = collectedIfAny(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<Emitted> list = java.util.Collections.synchronizedList(new ArrayList<>());
        request.setAttribute(ATTRIBUTE, list);
        return list;
    }

    public static String header(List<Emitted> events) {
        return String.join(",", events.stream().map(Emitted::toString).toList());
    }

    /** Parses {@link #HEADER}; malformed pairs are dropped (they can only come from a broken service). */
    public static List<Emitted> parse(String header) {
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .filter(pair -> pair.indexOf('/') > 0 && pair.indexOf('/') < pair.length() - 1)
                .map(pair -> new Emitted(pair.substring(0, pair.indexOf('/')), pair.substring(pair.indexOf('/') + 1)))
                .toList();
    }
}
