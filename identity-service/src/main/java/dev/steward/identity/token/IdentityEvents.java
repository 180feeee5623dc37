package dev.steward.identity.token;

import dev.steward.common.event.EventTypes;
import io.micronaut.serde.annotation.Serdeable;

/** Past-tense facts identity-service publishes on {@code steward.identity.events.v1}. */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    public static final String BEARER_TOKEN_REGISTERED = EventTypes.type("identity", "BearerTokenRegistered");
    public static final String BEARER_TOKEN_ROTATED = EventTypes.type("identity", "BearerTokenRotated");
    public static final String BEARER_TOKEN_REVOKED = EventTypes.type("identity", "BearerTokenRevoked");

    /** Never carries the token or its hash: consumers only learn that credentials changed. */
    @Serdeable
    public record BearerTokenChanged(String tokenId, String name, String kind, String role) {
    }
}
