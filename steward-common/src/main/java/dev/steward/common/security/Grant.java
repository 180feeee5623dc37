package dev.steward.common.security;

import dev.steward.common.net.IpRange;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a credential grants: its role, the scopes that narrow it, where it may be used from and
 * until when. The delegation rule lives here: a credential never creates or changes one that
 * {@link #exceeds}'s it.
 *
 * @param scopes   {@code *}, {@code <area>:*}, {@code <area>:read|write}, {@code *:read|write}, {@code *:*}
 * @param ipRanges CIDR blocks; empty means anywhere
 * @param expiresAt null means it does not expire
 */
public record Grant(Role role, List<String> scopes, List<String> ipRanges, @Nullable Instant expiresAt) {

    public Grant {
        scopes = List.copyOf(scopes);
        ipRanges = List.copyOf(ipRanges);
    }

    /** Whether the scopes allow {@code operation} ({@code read} or {@code write}) in {@code area}. */
    public boolean allows(String area, String operation) {
        return scopesAllow(scopes, area, operation);
    }

    /**
     * What of {@code requested} this grant does not cover, one phrase per excess (empty when it is
     * no wider): a higher role, a scope this one lacks, an IP range outside this one's, a longer life.
     */
    public List<String> exceededBy(Grant requested) {
        List<String> excess = new ArrayList<>();
        if (!role.covers(requested.role())) {
            excess.add("role " + requested.role().id() + " is wider than " + role.id());
        }
        for (String scope : requested.scopes()) {
            if (!covers(scope)) {
                excess.add("scope " + scope + " is not within " + scopes);
            }
        }
        if (!ipRanges.isEmpty()) {
            if (requested.ipRanges().isEmpty()) {
                excess.add("no IP range (anywhere) is wider than " + ipRanges);
            }
            for (String range : requested.ipRanges()) {
                if (!withinIpRanges(range)) {
                    excess.add("IP range " + range + " is not within " + ipRanges);
                }
            }
        }
        if (expiresAt != null && (requested.expiresAt() == null || requested.expiresAt().isAfter(expiresAt))) {
            excess.add("lifetime " + (requested.expiresAt() == null ? "without expiry" : "until " + requested.expiresAt())
                    + " outlives " + expiresAt);
        }
        return excess;
    }

    /** The first excess of {@code requested} over this grant, if any. */
    public Optional<String> firstExcess(Grant requested) {
        return exceededBy(requested).stream().findFirst();
    }

    /** Whether every operation {@code scope} allows is allowed here too (areas are open-ended: only {@code *} covers all). */
    boolean covers(String scope) {
        String area = scope.equals("*") ? "*" : scope.substring(0, scope.indexOf(':'));
        String operation = scope.equals("*") ? "*" : scope.substring(scope.indexOf(':') + 1);
        for (String op : operation.equals("*") ? List.of("read", "write") : List.of(operation)) {
            boolean covered = scopes.stream().anyMatch(own -> {
                String ownArea = own.equals("*") ? "*" : own.substring(0, own.indexOf(':'));
                String ownOperation = own.equals("*") ? "*" : own.substring(own.indexOf(':') + 1);
                return (ownArea.equals("*") || ownArea.equals(area)) && (ownOperation.equals("*") || ownOperation.equals(op));
            });
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private boolean withinIpRanges(String range) {
        IpRange candidate = IpRange.parse(range);
        return ipRanges.stream().map(IpRange::parse).anyMatch(own -> own.containsRange(candidate));
    }

    static boolean scopesAllow(List<String> scopes, String area, String operation) {
        for (String scope : scopes) {
            if (scope.equals("*") || scope.equals("*:*") || scope.equals(area + ":*") || scope.equals(area + ":" + operation)
                    || scope.equals("*:" + operation)) {
                return true;
            }
        }
        return false;
    }
}
