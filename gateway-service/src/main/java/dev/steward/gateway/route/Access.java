package dev.steward.gateway.route;

import dev.steward.common.security.Role;

/**
 * Who may call a route, decided per route in {@code steward.gateway.routes} and never defaulted:
 * the role a read needs and the role a write needs, whether every call counts as a write (GET
 * routes that start jobs), and which doors stay open to unsigned callers.
 *
 * @param readRole           the role GET and HEAD need ({@link Role#NONE}: any verified caller)
 * @param writeRole          the role every other method needs, and every call when {@code writesAlways}
 * @param writesAlways       the route has side effects whatever its method (Jidoteki's GET /reboot, /logs, /debug)
 * @param anonymous          unsigned callers are forwarded as "anonymous" (the owning service decides: first setup)
 *                           or answered (Garage's /health, the gateway's liveness)
 * @param queryCredentials   Jidoteki's {@code ?token=} and {@code ?hash=} are accepted here (only on /api/v1/admin/**)
 * @param followsGlusterAuth open to unsigned callers while Gluster's {@code auth} setting is disabled
 */
public record Access(Role readRole, Role writeRole, boolean writesAlways, boolean anonymous, boolean queryCredentials,
                     boolean followsGlusterAuth) {

    /** For tests and local tables: auditors read, administrators write. */
    public static final Access DEFAULT = new Access(Role.AUDITOR, Role.ADMIN, false, false, false, false);

    /** {@code read} or {@code write}: by method, unless the route always writes. */
    public String operation(String method) {
        return writesAlways || !(method.equals("GET") || method.equals("HEAD")) ? "write" : "read";
    }

    public Role requiredRole(String operation) {
        return operation.equals("write") ? writeRole : readRole;
    }
}
