package dev.steward.gateway.route;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.net.URI;
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

    public RouteTable(List<RouteConfiguration> configured, OptionalEndpoints optional, Environment environment) {
        this.routes = configured.stream()
                .sorted(Comparator.comparingInt(RouteConfiguration::getIndex))
                .filter(route -> optional.serves(route.getPattern()))
                .map(route -> Route.of(route.getPattern(), route.getService(), serviceUrl(environment, route.getService()),
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
    private static URI serviceUrl(Environment environment, String service) {
        if (Route.GATEWAY.equals(service)) {
            return null;
        }
        String url = environment.getProperty("steward.gateway.services." + service + ".url", String.class)
                .orElseThrow(() -> new IllegalStateException("route to unknown service '" + service
                        + "': set steward.gateway.services." + service + ".url"));
        return URI.create(url);
    }

    public Optional<Route> match(String path) {
        List<String> segments = Route.split(path);
        return routes.stream().filter(route -> route.matches(segments)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }

    /** Each service the table forwards to, by name, with its address (sorted by name). */
    public Map<String, URI> services() {
        Map<String, URI> services = new TreeMap<>();
        routes.stream().filter(route -> !route.local()).filter(route -> route.target() != null)
                .forEach(route -> services.putIfAbsent(route.service(), route.target()));
        return services;
    }
}
