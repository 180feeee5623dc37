package dev.steward.gateway.metrics;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ErrorCode;
import dev.steward.common.error.Problem;
import dev.steward.gateway.error.GatewayErrorCode;
import dev.steward.gateway.route.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How each kind of answer is counted: by route pattern (never the raw path), scheme, outcome and status. */
class GatewayMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(meters);
    private final Route route = Route.of("/v0", "cluster", URI.create("http://127.0.0.1:1"), 403);

    private static MutableHttpResponse<?> problem(ErrorCode code) {
        return HttpResponse.status(code.status()).body(Problem.of(code, "detail", "/v0/status"));
    }

    private Timer requests(String routeTag, String scheme, String outcome, String status) {
        return meters.find(GatewayMetrics.REQUESTS).tags("route", routeTag, "scheme", scheme, "outcome", outcome, "status", status).timer();
    }

    private void observe(Route matched, String scheme, MutableHttpResponse<?> response) {
        metrics.observe(matched, scheme, System.nanoTime(), Mono.just(response)).block();
    }

    @Test
    void aForwardedAnswerIsCountedAsTheServicesWhateverItsStatus() {
        MutableHttpResponse<?> answer = HttpResponse.notFound("{}");
        answer.setAttribute(GatewayMetrics.OUTCOME, GatewayMetrics.FORWARDED);
        observe(route, "garage-bearer", answer);
        Timer timer = requests("/v0", "garage-bearer", "forwarded", "404");
        assertNotNull(timer, meters.getMetersAsString());
        assertEquals(1, timer.count());
        assertNull(meters.find(GatewayMetrics.REFUSALS).counter(), "a service's 404 is not a refusal of the gateway's");
    }

    @Test
    void theGatewaysOwnControllersAreLocal() {
        MutableHttpResponse<?> answer = HttpResponse.ok("{}");
        answer.setAttribute(GatewayMetrics.OUTCOME, GatewayMetrics.LOCAL);
        observe(route, "jidoteki-token", answer);
        assertEquals(1, requests("/v0", "jidoteki-token", "local", "200").count());
    }

    @ParameterizedTest
    @CsvSource({
            "AUTHENTICATION_REQUIRED, refused,     401, authentication_required",
            "TOO_MANY_REQUESTS,       throttled,   429, too_many_requests",
            "UPSTREAM_UNAVAILABLE,    unavailable, 503, ",
            "IDENTITY_UNAVAILABLE,    unavailable, 503, ",
    })
    void theGatewaysOwnProblemsAreCountedByOutcomeAndRefusalsByReason(String code, String outcome, String status, String reason) {
        ErrorCode error = GatewayErrorCode.valueOf(code);
        observe(route, null, problem(error));
        assertEquals(1, requests("/v0", "none", outcome, status).count(), meters.getMetersAsString());
        Counter refusals = meters.find(GatewayMetrics.REFUSALS).counter();
        if (reason == null) {
            assertNull(refusals, "an unavailable owner is not a refusal");
        } else {
            assertEquals(1, meters.find(GatewayMetrics.REFUSALS).tags("reason", reason).counter().count());
        }
    }

    @Test
    void aPathWithoutARouteIsCountedUnderNoneNotItsOwnPath() {
        observe(null, null, problem(CommonErrorCode.INVALID_REQUEST));
        assertEquals(1, requests("none", "none", "refused", "400").count(), meters.getMetersAsString());
        assertEquals(1, meters.find(GatewayMetrics.REFUSALS).tags("reason", "invalid_request").counter().count());
    }
}
