package dev.steward.gateway.auth;

import dev.steward.common.net.IpRange;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;

import java.net.InetAddress;
import java.util.List;

/**
 * A caller whose credential the gateway verified, as forwarded to services in the internal JWT.
 *
 * @param grant    its role, scopes, IP ranges and expiry, as identity-service stores them
 * @param ipRanges the grant's IP ranges, parsed once when the credential is loaded
 */
public record Principal(String subject, Grant grant, String scheme, List<IpRange> ipRanges) {

    /** The request attribute that hands the verified caller to the gateway's own controllers. */
    public static final String ATTRIBUTE = "steward.gateway.principal";

    public static Principal of(String subject, Grant grant, String scheme) {
        return new Principal(subject, grant, scheme, grant.ipRanges().stream().map(IpRange::parse).toList());
    }

    public static Principal of(String subject, Role role, List<String> scopes, String scheme) {
        return of(subject, new Grant(role, scopes, List.of(), null), scheme);
    }

    public Role role() {
        return grant.role();
    }

    /** Whether the scopes allow {@code operation} (read or write) in {@code area}. */
    public boolean mayCall(String area, String operation) {
        return grant.allows(area, operation);
    }

    public boolean mayCallFrom(InetAddress client) {
        return ipRanges.isEmpty() || ipRanges.stream().anyMatch(range -> range.contains(client));
    }
}
