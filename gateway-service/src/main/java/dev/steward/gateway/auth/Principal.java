package dev.steward.gateway.auth;

import dev.steward.common.net.IpRange;

import java.net.InetAddress;
import java.util.List;

/**
 * A caller whose signature the gateway verified, as forwarded to services in the internal JWT.
 *
 * @param scopes   what it may call: {@code *}, {@code <area>:*}, {@code <area>:read|write}, {@code *:read|write}
 * @param ipRanges where it may call from; empty means anywhere. Parsed once, when the credential is loaded.
 */
public record Principal(String subject, List<String> roles, List<String> scopes, String scheme, List<IpRange> ipRanges) {

    public Principal(String subject, List<String> roles, List<String> scopes, String scheme) {
        this(subject, roles, scopes, scheme, List.of());
    }

    /** A principal limited to the given CIDR blocks (as identity-service stores them). */
    public static Principal of(String subject, List<String> roles, List<String> scopes, String scheme, List<String> cidrs) {
        return new Principal(subject, roles, scopes, scheme, cidrs.stream().map(IpRange::parse).toList());
    }

    /** Whether the scopes allow {@code operation} (read or write) in {@code area}. */
    public boolean mayCall(String area, String operation) {
        for (String scope : scopes) {
            if (scope.equals("*") || scope.equals(area + ":*") || scope.equals(area + ":" + operation)
                    || scope.equals("*:" + operation)) {
                return true;
            }
        }
        return false;
    }

    public boolean mayCallFrom(InetAddress client) {
        return ipRanges.isEmpty() || ipRanges.stream().anyMatch(range -> range.contains(client));
    }
}
