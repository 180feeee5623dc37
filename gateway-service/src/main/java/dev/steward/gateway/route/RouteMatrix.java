package dev.steward.gateway.route;

import dev.steward.common.security.Role;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The role x route matrix of docs/security.md, rendered from the route table itself so that the
 * document cannot drift from what the gateway enforces (RouteMatrixTest compares the two).
 */
public final class RouteMatrix {

    public static final String BEGIN = "<!-- route-matrix:begin (generated from gateway-service application.yml by RouteMatrixTest) -->";
    public static final String END = "<!-- route-matrix:end -->";
    private static final List<Role> ROLES = List.of(Role.ADMIN, Role.OPERATOR, Role.AUDITOR, Role.METRICS, Role.NONE);

    private RouteMatrix() {
    }

    /**
     * One row per route, in pattern order: for each role, {@code rw} (reads and writes), {@code r}
     * (reads only), {@code -} (neither); then the route's scope area and what else decides.
     */
    public static String markdown(List<Route> routes) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| route | service | ").append(ROLES.stream().map(Role::id).collect(Collectors.joining(" | ")))
                .append(" | scope | notes |\n");
        out.append("|---|---|").append("---|".repeat(ROLES.size())).append("---|---|\n");
        for (Route route : routes.stream().sorted(Comparator.comparing(Route::pattern)).toList()) {
            Access access = route.access();
            out.append("| `").append(route.pattern()).append("` | ").append(route.service()).append(" | ");
            for (Role role : ROLES) {
                boolean reads = !access.writesAlways() && role.covers(access.readRole());
                boolean writes = role.covers(access.writeRole());
                out.append(writes && reads ? "rw" : writes ? "w" : reads ? "r" : "-").append(" | ");
            }
            out.append('`').append(route.scope()).append("` | ").append(notes(route)).append(" |\n");
        }
        return out.append(END).toString();
    }

    private static String notes(Route route) {
        Access access = route.access();
        StringBuilder notes = new StringBuilder();
        if (access.writesAlways()) {
            notes.append("every method writes; ");
        }
        if (access.anonymous()) {
            notes.append("unsigned callers let through; ");
        }
        if (access.queryCredentials()) {
            notes.append("?token=/?hash= accepted; ");
        }
        if (access.followsGlusterAuth()) {
            notes.append("open (as operator) while Gluster auth is off; ");
        }
        if (route.gluster()) {
            notes.append("HTTPS-only while Gluster https is on; ");
        }
        notes.append("refusals ").append(route.refusalStatus());
        return notes.toString();
    }
}
