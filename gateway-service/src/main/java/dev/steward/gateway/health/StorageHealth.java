package dev.steward.gateway.health;

import dev.steward.gateway.auth.GatewayServiceToken;
import dev.steward.gateway.replica.Replicas;
import dev.steward.gateway.replica.ServiceReplicas;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

/**
 * Garage's unauthenticated {@code GET /health}: 200 while every partition has a write quorum, 503
 * otherwise, with a short text. The numbers come from cluster-service's GetClusterHealth.
 */
@Singleton
public class StorageHealth {

    private final HttpClient http;
    private final Replicas cluster;
    private final GatewayServiceToken serviceToken;

    public StorageHealth(HttpClient http, ServiceReplicas replicas, GatewayServiceToken serviceToken) {
        this.http = http;
        this.cluster = replicas.of("cluster");
        this.serviceToken = serviceToken;
    }

    @Serdeable
    public record Health(String status, int partitions, int partitions_quorum, int storage_nodes, int storage_nodes_ok) {
    }

    public Mono<MutableHttpResponse<?>> answer() {
        return cluster.call(true, replica -> Mono.from(http.retrieve(HttpRequest.GET(replica.resolve("/v0/health"))
                        .bearerAuth(serviceToken.current()), Health.class)))
                .map(StorageHealth::toResponse)
                .onErrorResume(e -> Mono.just(text(HttpStatus.SERVICE_UNAVAILABLE, "Cluster health is unknown: cluster-service did not answer.")));
    }

    static MutableHttpResponse<?> toResponse(Health health) {
        return switch (health.status()) {
            case "Healthy" -> text(HttpStatus.OK, "Steward is fully operational");
            case "Degraded" -> text(HttpStatus.OK, "Steward is operational but some storage nodes are unavailable ("
                    + health.storage_nodes_ok() + " of " + health.storage_nodes() + " up)");
            default -> text(HttpStatus.SERVICE_UNAVAILABLE, "Quorum is not available for some/all partitions ("
                    + health.partitions_quorum() + " of " + health.partitions() + " have it).");
        };
    }

    private static MutableHttpResponse<?> text(HttpStatus status, String message) {
        return HttpResponse.status(status).contentType(MediaType.TEXT_PLAIN_TYPE).body(message + "\n");
    }
}
