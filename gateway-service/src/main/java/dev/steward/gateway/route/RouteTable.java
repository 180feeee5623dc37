package dev.steward.gateway.route;

import dev.steward.gateway.replica.Replicas;
import dev.steward.gateway.replica.ServiceReplicas;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which service owns a path, from {@code steward.gateway.routes} and {@code steward.gateway.services};
 * the routes of Jidoteki optional endpoints that are switched off are left out ({@link OptionalEndpoints}).
 */
@Singleton
public class RouteTable {

    private final List<Route> routes;

    @jakarta.inject.Inject
    public RouteTable(List<RouteConfiguration> configured, OptionalEndpoints optional, ServiceReplicas replicas) {
        this.routes = configured.stream()
                .sorted(Comparator.comparingInt(RouteConfiguration::getIndex))
                .filter(route -> optional.serves(route.getPattern()))
                .map(route -> Route.of(route.getPattern(), route.getService(), serviceReplicas(replicas, route.getService()),
                        route.getRefusalStatus(), route.getScope(), route.isJsonBody(), route.isGluster(), route.access())
                        .withTimeout(route.getTimeout()))
                .sorted(Comparator.comparingInt(Route::specificity).reversed())
                .toList();
    }

    /** A table of the given routes, as configuration would build it. */
    public static RouteTable of(List<Route> routes) {
        return new RouteTable(routes);
    }

    RouteTable(List<Route> routes) {
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::specificity).reversed()).toList();
    }

    /** Null for the gateway's own routes: they are not forwarded. */
    private static Replicas serviceReplicas(ServiceReplicas replicas, String service) {
        return Route.GATEWAY.equals(service) ? null : replicas.of(service);
    }

    public Optional<Route> match(String path) {
        List<String> segments = Route.split(path);
        return routes.stream().filter(route -> route.matches(segments)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }

    /** Each service the table forwards to, by name, with its replicas (sorted by name). */
    public Map<String, Replicas> services() {
        Map<String, Replicas> services = new TreeMap<>();
        routes.stream().filter(route -> !route.local()).filter(route -> route.target() != null)
                .forEach(route -> services.putIfAbsent(route.service(), route.target()));
        return services;
    }
}
