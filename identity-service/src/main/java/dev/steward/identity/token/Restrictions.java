package dev.steward.identity.token;

import dev.steward.common.error.ProblemException;
import dev.steward.common.net.IpRange;
import dev.steward.common.net.Scopes;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** What a credential may call (scopes) and from where (IP ranges): validated the same for every kind. */
public record Restrictions(List<String> scopes, List<String> ipRanges) {

    public static final Restrictions UNRESTRICTED = new Restrictions(List.of("*"), List.of());
    private static final int MAX_ENTRIES = 64;

    /** Validated restrictions; an absent list keeps the given default. */
    public static Restrictions of(@Nullable List<String> scopes, @Nullable List<String> ipRanges, Restrictions defaults) {
        List<String> validScopes = scopes == null ? defaults.scopes() : scopes;
        List<String> validRanges = ipRanges == null ? defaults.ipRanges() : ipRanges;
        if (validScopes.isEmpty() || validScopes.size() > MAX_ENTRIES || !validScopes.stream().allMatch(Scopes::isValid)) {
            throw new ProblemException(IdentityErrorCode.SCOPE_INVALID, "got " + validScopes);
        }
        if (validRanges.size() > MAX_ENTRIES) {
            throw new ProblemException(IdentityErrorCode.IP_RANGE_INVALID, "at most " + MAX_ENTRIES + " ranges");
        }
        for (String range : validRanges) {
            try {
                IpRange.parse(range);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ProblemException(IdentityErrorCode.IP_RANGE_INVALID, "'" + range + "'");
            }
        }
        return new Restrictions(List.copyOf(validScopes), List.copyOf(validRanges));
    }
}
