package dev.steward.common.security;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one role every credential has, whatever its scheme. Ordered: each role may do all that the
 * roles before it may ({@code auditor} reads /metrics too; {@code operator} reads what an auditor
 * reads), so "may act as" and "is no wider than" are both {@link #covers}.
 */
public enum Role {
    /** No admin-API role: a Garage key is an S3 key until a role is granted. */
    NONE,
    /** {@code /metrics} and the gateway's own metrics only. */
    METRICS,
    /** Reads everything, including the audit trail; changes nothing. */
    AUDITOR,
    /** Everything except credentials, setup, certificates, license and restore. */
    OPERATOR,
    /** Everything. */
    ADMIN;

    /** The name credentials are stored and shown with. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean covers(Role other) {
        return compareTo(other) >= 0;
    }

    /**
     * The internal JWT's {@code roles} claim, which services check with {@code @Secured}: the role
     * itself and, for the three admin-API roles, {@link InternalClaims#ROLE_API}.
     */
    public List<String> claims() {
        return switch (this) {
            case NONE -> List.of();
            case METRICS -> List.of(InternalClaims.ROLE_METRICS);
            case AUDITOR -> List.of(InternalClaims.ROLE_AUDITOR, InternalClaims.ROLE_API);
            case OPERATOR -> List.of(InternalClaims.ROLE_OPERATOR, InternalClaims.ROLE_API);
            case ADMIN -> List.of(InternalClaims.ROLE_ADMIN, InternalClaims.ROLE_API);
        };
    }

    /** A role by its id ({@code admin}, {@code operator}, {@code auditor}, {@code metrics}, {@code none}). */
    public static Optional<Role> parse(@Nullable String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public static String ids() {
        return "admin, operator, auditor, metrics, none";
    }
}
