package dev.steward.gateway.metrics;

import dev.steward.common.error.Problem;
import dev.steward.gateway.error.GatewayErrorCode;
import dev.steward.gateway.route.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Every request the gateway answers, by route, scheme, outcome and status
 * ({@code steward_gateway_requests_seconds}), and every request it refused itself, by reason
 * ({@code steward_gateway_refusals_total}). The gateway's filter answers proxied requests itself,
 * so Micronaut's own server metrics do not see them; this is where they are counted.
 */
@Singleton
public class GatewayMetrics {

    public static final String REQUESTS = "steward.gateway.requests";
    public static final String REFUSALS = "steward.gateway.refusals";
    /** What the filter marks on an answer that came from past it; an answer without it is the gateway's own problem. */
    public static final String OUTCOME = "steward.gateway.outcome";
    public static final String FORWARDED = "forwarded";
    public static final String LOCAL = "local";
    /** The route tag of a request that matched none (bounded: never the request's own path). */
    static final String NO_ROUTE = "none";
    static final String NO_SCHEME = "none";

    private final MeterRegistry meters;

    public GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts {@code answer} when it is emitted, timed from {@code startedNanos}. */
    public Mono<MutableHttpResponse<?>> observe(@Nullable Route route, @Nullable String scheme, long startedNanos,
                                               Mono<MutableHttpResponse<?>> answer) {
        return answer.doOnNext(response -> record(route, scheme, response, System.nanoTime() - startedNanos));
    }

    void record(@Nullable Route route, @Nullable String scheme, MutableHttpResponse<?> response, long nanos) {
        String outcome = outcome(response);
        Timer.builder(REQUESTS).description("Requests the gateway answered")
                .tag("route", route == null ? NO_ROUTE : route.pattern())
                .tag("scheme", scheme == null ? NO_SCHEME : scheme)
                .tag("outcome", outcome)
                .tag("status", Integer.toString(response.code()))
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
        if (outcome.equals("refused") || outcome.equals("throttled")) {
            Counter.builder(REFUSALS).description("Requests the gateway refused itself, by problem code")
                    .tag("reason", reason(response)).register(meters).increment();
        }
    }

    /** How the answer came about: forwarded, local, refused, throttled or unavailable. */
    public static String outcome(MutableHttpResponse<?> response) {
        return response.getAttribute(OUTCOME, String.class).orElseGet(() -> ownOutcome(response));
    }

    /** An answer the gateway made itself: a refusal, a throttle, or no owner to answer. */
    private static String ownOutcome(MutableHttpResponse<?> response) {
        String code = reason(response);
        if (code.equals(lower(GatewayErrorCode.TOO_MANY_REQUESTS.name()))) {
            return "throttled";
        }
        if (code.equals(lower(GatewayErrorCode.UPSTREAM_UNAVAILABLE.name())) || code.equals(lower(GatewayErrorCode.IDENTITY_UNAVAILABLE.name()))) {
            return "unavailable";
        }
        return "refused";
    }

    private static String reason(MutableHttpResponse<?> response) {
        return response.getBody().filter(Problem.class::isInstance).map(body -> ((Problem) body).code())
                .map(GatewayMetrics::lower).orElse("unknown");
    }

    private static String lower(String code) {
        return code.toLowerCase(Locale.ROOT);
    }
}
