package dev.steward.gateway.auth;

import dev.steward.common.security.InternalTokenIssuer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's own internal JWT, for its calls to services on its own behalf (credential look-ups,
 * cluster health). Reused for a third of its lifetime rather than signed per call.
 */
@Singleton
public class GatewayServiceToken {

    private static final Duration REUSE = Duration.ofSeconds(10);

    private final InternalTokenIssuer issuer;
    private volatile Issued issued;

    public GatewayServiceToken(InternalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    public String current() {
        Issued current = issued;
        if (current == null || current.at().plus(REUSE).isBefore(Instant.now())) {
            current = new Issued(issuer.issueForService("gateway"), Instant.now());
            issued = current;
        }
        return current.token();
    }

    private record Issued(String token, Instant at) {
    }
}
