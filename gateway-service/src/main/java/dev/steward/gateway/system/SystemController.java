package dev.steward.gateway.system;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Jidoteki endpoints the gateway answers itself ({@code /services}, {@code /health},
 * {@code /endpoints}). Reached only through {@link dev.steward.gateway.proxy.GatewayFilter}, which
 * verifies the caller as on every route (routes with {@code service: gateway}).
 */
@Controller("/api/v1/admin")
public class SystemController {

    private final ServiceStatus services;
    private final HostHealth health;
    private final ApiEndpoints endpoints;

    public SystemController(ServiceStatus services, HostHealth health, ApiEndpoints endpoints) {
        this.services = services;
        this.health = health;
        this.endpoints = endpoints;
    }

    @Get("/services")
    public CompletableFuture<Map<String, List<Map<String, String>>>> services() {
        return services.probe().thenApply(statuses -> Map.of("services", statuses));
    }

    @Get("/health")
    public HostHealth.Health health() {
        return health.measure();
    }

    @Get("/endpoints")
    public Map<String, List<String>> endpoints() {
        return Map.of("endpoints", endpoints.list());
    }
}
