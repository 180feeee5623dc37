package dev.steward.common.security;

import io.micronaut.security.authentication.Authentication;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The grant of the credential behind a request, read from the internal JWT's claims. */
public final class Grants {

    private Grants() {
    }

    /** A caller whose token names no role (e.g. the anonymous first setup) holds {@link Role#NONE}. */
    public static Grant from(Authentication authentication) {
        var claims = authentication.getAttributes();
        Role role = Role.parse(claims.get(InternalClaims.ROLE) instanceof String id ? id : null).orElse(Role.NONE);
        Object expires = claims.get(InternalClaims.CREDENTIAL_EXPIRES);
        return new Grant(role, strings(claims.get(InternalClaims.SCOPES)), strings(claims.get(InternalClaims.IP_RANGES)),
                expires instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : null);
    }

    private static List<String> strings(Object claim) {
        return claim instanceof Collection<?> values ? values.stream().map(String::valueOf).toList() : List.of();
    }
}
