package dev.steward.identity.token;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * Bounded delegation for every kind of credential (keys, apps, tokens, the Jidoteki API token): what
 * a request asks a credential to grant, validated, and the rule that the caller's own grant covers it.
 */
public final class Delegation {

    /** What Steward itself (bootstrap, the CLI on the identity host) acts with: it is not bounded. */
    public static final Grant SYSTEM = new Grant(Role.ADMIN, List.of("*"), List.of(), null);

    private Delegation() {
    }

    /** The grant a request asks for; each absent field keeps {@code current}'s (a new credential's defaults). */
    public static Grant requested(@Nullable String role, @Nullable List<String> scopes, @Nullable List<String> ipRanges,
                                  @Nullable Instant expiresAt, Grant current) {
        Role validRole = role == null ? current.role()
                : Role.parse(role).orElseThrow(() -> new ProblemException(IdentityErrorCode.ROLE_INVALID, "got " + role + "; roles are " + Role.ids()));
        Restrictions restrictions = Restrictions.of(scopes, ipRanges, new Restrictions(current.scopes(), current.ipRanges()));
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new ProblemException(IdentityErrorCode.TOKEN_EXPIRY_INVALID, "got " + expiresAt);
        }
        return new Grant(validRole, restrictions.scopes(), restrictions.ipRanges(), expiresAt != null ? expiresAt : current.expiresAt());
    }

    /** Refuses with 403 naming what exceeds, when {@code caller} does not cover {@code requested}. */
    public static void ensureWithin(Grant caller, Grant requested, String credential) {
        List<String> excess = caller.exceededBy(requested);
        if (!excess.isEmpty()) {
            throw new ProblemException(IdentityErrorCode.DELEGATION_EXCEEDED, credential + ": " + String.join("; ", excess));
        }
    }
}
