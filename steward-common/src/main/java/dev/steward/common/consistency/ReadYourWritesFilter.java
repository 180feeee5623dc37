package dev.steward.common.consistency;

import dev.steward.common.outbox.OutboxRelay;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * After a successful request that emitted events (its transaction has committed by now), names them
 * to the gateway and wakes the outbox relay, so they reach Kafka now rather than at the next poll.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ReadYourWritesFilter {

    private final BeanProvider<OutboxRelay> relay;

    public ReadYourWritesFilter(BeanProvider<OutboxRelay> relay) {
        this.relay = relay;
    }

    @ResponseFilter
    public void nameEmittedEvents(HttpRequest<?> request, MutableHttpResponse<?> response) {
        List<EmittedEvents.Emitted> events = EmittedEvents.of(request);
        if (events.isEmpty()) {
            return;
        }
        relay.ifPresent(OutboxRelay::wake);
        if (response.code() >= 200 && response.code() < 300) {
            response.header(EmittedEvents.HEADER, EmittedEvents.header(events));
        }
    }
}
