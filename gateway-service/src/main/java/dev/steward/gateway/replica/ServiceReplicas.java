package dev.steward.gateway.replica;

import dev.steward.gateway.proxy.ProxyLimits;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every service's replicas, from {@code steward.gateway.services.<service>.url} (comma-separated
 * for several), one {@link Replicas} per service shared by everything that calls it, so that a
 * replica one caller found down is tried last by all.
 */
@Singleton
public class ServiceReplicas {

    private final Map<String, Replicas> services = new TreeMap<>();

    @jakarta.inject.Inject
    public ServiceReplicas(Environment environment, ProxyLimits limits) {
        for (String service : environment.getPropertyEntries("steward.gateway.services")) {
            environment.getProperty("steward.gateway.services." + service + ".url", String.class)
                    .ifPresent(url -> services.put(service, Replicas.parse(service, url, limits.replicaBackoff())));
        }
    }

    private ServiceReplicas(Map<String, String> urls, Duration backoff) {
        urls.forEach((service, url) -> services.put(service, Replicas.parse(service, url, backoff)));
    }

    /** The replicas of each service given by name, as configuration would give them. */
    public static ServiceReplicas of(Map<String, String> urls) {
        return new ServiceReplicas(urls, Duration.ofSeconds(5));
    }

    public Optional<Replicas> find(String service) {
        return Optional.ofNullable(services.get(service));
    }

    public Replicas of(String service) {
        return find(service).orElseThrow(() -> new IllegalStateException("unknown service '" + service
                + "': set steward.gateway.services." + service + ".url"));
    }
}
