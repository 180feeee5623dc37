package dev.steward.gateway.auth;

import dev.steward.common.net.IpRange;

import java.net.InetAddress;
import java.util.List;

/**
 * A caller whose signature the gateway verified, as forwarded to services in the internal JWT.
 *
 * @param scopes   what it may call: {@code *}, {@code <area>:*}, {@code <area>:read|write}, {@code *:read|write}
 * @param ipRanges where it may call from (CIDR); empty means anywhere
 */
public record Principal(String subject, List<String> roles, List<String> scopes, String scheme, List<String> ipRanges) {

    public Principal(String subject, List<String> roles, List<String> scopes, String scheme) {
        this(subject, roles, scopes, scheme, List.of());
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
        return ipRanges.isEmpty() || ipRanges.stream().anyMatch(range -> IpRange.parse(range).contains(client));
    }
}
