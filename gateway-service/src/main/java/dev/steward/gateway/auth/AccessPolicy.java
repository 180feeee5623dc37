package dev.steward.gateway.auth;

import dev.steward.common.error.ErrorCode;
import dev.steward.common.security.Role;
import dev.steward.gateway.error.GatewayErrorCode;
import dev.steward.gateway.route.Route;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides whether a caller may make a request: which schemes a route accepts,
 * who an unsigned caller is, where a credential may be used from, and whether its role and scopes
 * cover the route's operation. It decides only; the filter carries the decision out.
 */
@Singleton
public class AccessPolicy {

    /** Who a request on an {@code anonymous} route is, when it carries no valid credential. */
    public static final Principal ANONYMOUS = Principal.of("anonymous", Role.NONE, List.of(), "none");
    /** Who calls Gluster's peers and volumes while its {@code auth} setting is disabled: an operator there, nowhere else. */
    public static final Principal GLUSTER_AUTH_DISABLED = Principal.of("gluster:auth-disabled", Role.OPERATOR,
            List.of("cluster:*", "volumes:*"), "none");

    /** What the policy decided. */
    public sealed interface Decision permits Allowed, Refused {
    }

    public record Allowed(Principal principal) implements Decision {
    }

    /** @param who the caller as the refusal's log line names it */
    public record Refused(ErrorCode code, String detail, String who) implements Decision {

        /** The {@code who} of a caller whose credential was not verified. */
        public static final String UNVERIFIED = "an unverified caller";

        /** The verified caller refused for its role, scope or source address; empty for an unverified one. */
        public Optional<String> verifiedCaller() {
            return UNVERIFIED.equals(who) ? Optional.empty() : Optional.of(who);
        }

    }

    /** Before anything is verified: whether the request's scheme may be used on this route at all. */
    public Optional<Refused> admitScheme(Route route, PresentedCredential presented) {
        if (presented.inQuery() && !route.access().queryCredentials()) {
            return Optional.of(new Refused(GatewayErrorCode.QUERY_CREDENTIALS_NOT_ALLOWED,
                    "?token= and ?hash= are accepted on /api/v1/admin/** only: they do not cover the query or body that name "
                            + "this API's targets; sign the request with this API's own scheme", "a query-credential caller"));
        }
        return Optional.empty();
    }

    /**
     * @param operation   {@code read} or {@code write}, as the route counts the request
     * @param client      the caller's address; null when unknown, which no IP-limited credential matches
     * @param glusterAuth Gluster's {@code auth} setting
     */
    public Decision decide(Route route, String operation, Verification verification, @Nullable InetAddress client,
                           boolean glusterAuth) {
        // Used from outside its IP ranges a credential is no credential at all, and is refused as
        // one: the answer does not tell whoever holds a stolen secret that it is valid elsewhere.
        Optional<Principal> verified = verification.principal().filter(principal -> client != null && principal.mayCallFrom(client));
        if (verified.isEmpty()) {
            if (route.access().anonymous()) {
                // The route's own service (first setup) or the gateway's open answer (Garage /health) decides.
                return new Allowed(ANONYMOUS);
            }
            if (route.access().followsGlusterAuth() && !glusterAuth) {
                return authorize(route, operation, GLUSTER_AUTH_DISABLED);
            }
            String why = verification.failure() != null ? verification.failure() : "send a valid credential for this API";
            return new Refused(GatewayErrorCode.refusal(route.refusalStatus()), why, Refused.UNVERIFIED);
        }
        return authorize(route, operation, verified.get());
    }

    private static Decision authorize(Route route, String operation, Principal principal) {
        Role needed = route.access().requiredRole(operation);
        if (!principal.role().covers(needed)) {
            return new Refused(GatewayErrorCode.ROLE_INSUFFICIENT, operation + " on " + route.pattern() + " needs role "
                    + needed.id() + " or wider; " + principal.subject() + " has " + principal.role().id(), principal.subject());
        }
        if (!principal.mayCall(route.scope(), operation)) {
            return new Refused(GatewayErrorCode.SCOPE_MISSING, "needs scope " + route.scope() + ":" + operation, principal.subject());
        }
        return new Allowed(principal);
    }
}
