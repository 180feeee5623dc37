package dev.steward.gateway.route;

import dev.steward.gateway.replica.Replicas;

import java.net.URI;
import java.util.List;

/**
 * A path pattern owned by one service. Matching is by whole segments: {@code /v0} matches
 * {@code /v0} and {@code /v0/status} but not {@code /v0x}; {@code *} matches exactly one segment.
 */
public record Route(String pattern, List<String> segments, String service, @io.micronaut.core.annotation.Nullable Replicas target, int refusalStatus, String scope,
                    boolean jsonBody, boolean gluster, Access access, @io.micronaut.core.annotation.Nullable java.time.Duration timeout) {

    public static Route of(String pattern, String service, URI target, int refusalStatus) {
        return of(pattern, service, target, refusalStatus, service, false, false, Access.DEFAULT);
    }

    public static Route of(String pattern, String service, URI target, int refusalStatus, String scope, boolean jsonBody,
                           boolean gluster, Access access) {
        return of(pattern, service, target == null ? null : Replicas.single(service, target), refusalStatus, scope, jsonBody, gluster, access);
    }

    /** @param target the service's replicas; null for the gateway's own routes */
    public static Route of(String pattern, String service, Replicas target, int refusalStatus, String scope, boolean jsonBody,
                           boolean gluster, Access access) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
        }
        if (refusalStatus != 401 && refusalStatus != 403) {
            throw new IllegalArgumentException("refusal status of " + pattern + " must be 401 or 403");
        }
        if (!scope.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("scope area of " + pattern + " must be lowercase letters, digits, '-': " + scope);
        }
        if (access.queryCredentials() && !pattern.startsWith("/api/v1/admin/")) {
            // Jidoteki's ?hash= covers only method and path: never where a target sits in the query or body.
            throw new IllegalArgumentException("query credentials are Jidoteki's, for /api/v1/admin/** only: " + pattern);
        }
        return new Route(pattern, split(pattern), service, target, refusalStatus, scope, jsonBody, gluster, access, null);
    }

    /** This route with its own answer timeout (null keeps the gateway's default). */
    public Route withTimeout(@io.micronaut.core.annotation.Nullable java.time.Duration answerTimeout) {
        return new Route(pattern, segments, service, target, refusalStatus, scope, jsonBody, gluster, access, answerTimeout);
    }

    /** The service name of routes the gateway answers itself (Jidoteki's /services, /health, /endpoints). */
    public static final String GATEWAY = "gateway";

    /** Answered by the gateway itself, after the same verification as any route. */
    public boolean local() {
        return GATEWAY.equals(service);
    }

    /** {@code read} or {@code write} for this route's request with {@code method}. */
    public String operation(String method) {
        return access.operation(method);
    }

    static List<String> split(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    boolean matches(List<String> pathSegments) {
        if (pathSegments.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (!expected.equals("*") && !expected.equals(pathSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Longer patterns win; at equal length, a literal segment beats a wildcard at the first difference. */
    int specificity() {
        int literal = 0;
        for (String segment : segments) {
            literal = literal * 2 + (segment.equals("*") ? 0 : 1);
        }
        return segments.size() * 1_000_000 + literal;
    }
}
