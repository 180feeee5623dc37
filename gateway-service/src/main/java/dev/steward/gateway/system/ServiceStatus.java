package dev.steward.gateway.system;

import dev.steward.gateway.replica.Replicas;
import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Jidoteki {@code GET /services}: each Steward service as this gateway sees it, from its readiness
 * check (which covers the service's database and Kafka). "running" when a replica is ready, "failing" when it
 * answers but is not ready, "stopped" when it does not answer within two seconds.
 */
@Singleton
public class ServiceStatus {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Replicas> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ServiceStatus(RouteTable routes) {
        this.services = routes.services();
    }

    private CompletableFuture<String> probe(URI replica) {
        return http.sendAsync(HttpRequest.newBuilder(replica.resolve("/health/readiness")).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200 ? "running" : "failing")
                .exceptionally(unreachable -> "stopped");
    }

    /** A service runs while any replica does (the gateway moves requests to it); else failing if any answers. */
    static String summary(List<String> replicas) {
        return replicas.contains("running") ? "running" : replicas.contains("failing") ? "failing" : "stopped";
    }

    /** One single-key object per service, as the reference lists them; the gateway answering is running. */
    public CompletableFuture<List<Map<String, String>>> probe() {
        List<CompletableFuture<Map<String, String>>> probes = new ArrayList<>();
        probes.add(CompletableFuture.completedFuture(Map.of(Route.GATEWAY + "-service", "running")));
        services.forEach((service, replicas) -> {
            List<CompletableFuture<String>> each = replicas.all().stream().map(this::probe).toList();
            probes.add(CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> Map.of(service + "-service", Objects.requireNonNull(
                            summary(each.stream().map(CompletableFuture::join).toList())))));
        });
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(done -> probes.stream().map(CompletableFuture::join).toList());
    }
}
