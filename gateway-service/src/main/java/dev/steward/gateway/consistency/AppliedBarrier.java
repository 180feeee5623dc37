package dev.steward.gateway.consistency;

import dev.steward.common.consistency.EmittedEvents;
import dev.steward.gateway.auth.GatewayServiceToken;
import dev.steward.gateway.replica.Replicas;
import dev.steward.gateway.route.RouteTable;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Holds a successful mutation's answer until every service that projects its events has applied
 * them, so the client's next request, wherever it goes, sees the change. The owning service names
 * the events ({@link EmittedEvents#HEADER}); each other service is asked whether its projections
 * have them (it knows which of its consumers are projections). Bounded: past the wait the answer
 * goes out anyway, saying {@code Steward-Consistency: pending; <services>} — the change is committed
 * and will be applied, only not yet everywhere.
 */
@Singleton
public class AppliedBarrier {

    public static final String CONSISTENCY_HEADER = "Steward-Consistency";

    private static final Logger LOG = LoggerFactory.getLogger(AppliedBarrier.class);

    private final Map<String, Replicas> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final GatewayServiceToken serviceToken;
    private final JsonMapper json;
    private final Duration wait;

    public AppliedBarrier(RouteTable routes, GatewayServiceToken serviceToken, JsonMapper json, ConsistencyLimits limits) {
        this.services = routes.services();
        this.serviceToken = serviceToken;
        this.json = json;
        this.wait = limits.applyWait();
    }

    @Serdeable
    record Event(String topic, String id) {
    }

    @Serdeable
    record Query(List<Event> events, long waitMillis) {
    }

    @Serdeable
    record Answer(boolean applied) {
    }

    /** The service's answer, once its events are applied everywhere (or the wait ran out); the internal header removed. */
    public Mono<MutableHttpResponse<?>> await(MutableHttpResponse<?> response) {
        String named = response.getHeaders().get(EmittedEvents.HEADER);
        if (named == null) {
            return Mono.just(response);
        }
        response.getHeaders().remove(EmittedEvents.HEADER);
        List<EmittedEvents.Emitted> events = EmittedEvents.parse(named);
        if (events.isEmpty() || response.code() < 200 || response.code() >= 300) {
            return Mono.just(response);
        }
        byte[] query = body(new Query(events.stream().map(event -> new Event(event.topic(), event.eventId())).toList(), wait.toMillis()));
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> ask(service.getValue(), query).filter(applied -> !applied).map(pending -> service.getKey()))
                .collectList()
                .map(pending -> {
                    if (pending.isEmpty()) {
                        response.header(CONSISTENCY_HEADER, "applied");
                    } else {
                        LOG.warn("Answering with events {} not yet applied by {}", named, pending);
                        response.header(CONSISTENCY_HEADER, "pending; " + String.join(", ", pending));
                    }
                    return response;
                });
    }

    /** Any replica can answer: what a service's projections applied is in its database. The question changes nothing, so it is repeatable. */
    private Mono<Boolean> ask(Replicas service, byte[] query) {
        return service.call(true, replica -> Mono.fromFuture(() -> http.sendAsync(HttpRequest.newBuilder(replica.resolve("/internal/v1/applied"))
                                .timeout(wait.plusSeconds(2))
                                .header("Authorization", "Bearer " + serviceToken.current())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(query))
                                .build(), HttpResponse.BodyHandlers.ofByteArray())))
                .map(answer -> answer.statusCode() == 200 && read(answer.body()))
                .onErrorResume(unreachable -> {
                    LOG.warn("{} could not say whether it applied events: {}", service, unreachable.toString());
                    return Mono.just(false);
                });
    }

    private byte[] body(Query query) {
        try {
            return json.writeValueAsBytes(query);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean read(byte[] body) {
        try {
            return json.readValue(body, Answer.class).applied();
        } catch (IOException e) {
            return false;
        }
    }
}
