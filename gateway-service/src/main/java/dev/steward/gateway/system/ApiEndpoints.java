package dev.steward.gateway.system;

import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.TreeSet;

/**
 * Jidoteki {@code GET /endpoints}: the first-level {@code /api/v1/admin/...} endpoints this gateway
 * routes, read from its route table (so the list cannot drift from what is served), plus
 * {@code /docs} when the API description is served.
 */
@Singleton
public class ApiEndpoints {

    static final String PREFIX = "/api/v1/admin/";
    static final String DOCS = "/docs";

    private final List<String> endpoints;

    public ApiEndpoints(RouteTable routes) {
        TreeSet<String> found = new TreeSet<>();
        for (Route route : routes.routes()) {
            if (route.pattern().startsWith(PREFIX)) {
                found.add(PREFIX + route.segments().get(3));
            } else if (route.pattern().equals(DOCS)) {
                found.add(DOCS);
            }
        }
        this.endpoints = List.copyOf(found);
    }

    public List<String> list() {
        return endpoints;
    }
}
