package dev.steward.gateway.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import reactor.core.publisher.Mono;

/**
 * Garage's {@code GET /metrics} and {@code GET /health}, answered by the gateway. Reached only
 * through {@link dev.steward.gateway.proxy.GatewayFilter}, whose route table says who may call them
 * (metrics: the metrics role or wider; health: anyone, as in Garage).
 */
@Controller
public class GarageEndpointsController {

    private final PrometheusMeterRegistry prometheus;
    private final StorageHealth storageHealth;

    public GarageEndpointsController(PrometheusMeterRegistry prometheus, StorageHealth storageHealth) {
        this.prometheus = prometheus;
        this.storageHealth = storageHealth;
    }

    @Get("/metrics")
    public MutableHttpResponse<String> metrics() {
        return HttpResponse.ok(prometheus.scrape()).contentType("text/plain; version=0.0.4; charset=utf-8");
    }

    @Get("/health")
    public Mono<MutableHttpResponse<?>> health() {
        return storageHealth.answer();
    }
}
