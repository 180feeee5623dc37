package dev.steward.common.security;

import dev.steward.common.event.Actor;
import io.micronaut.security.authentication.Authentication;

/** The actor recorded in events and audit entries, taken from the verified internal JWT. */
public final class Actors {

    private Actors() {
    }

    public static Actor from(Authentication authentication) {
        Object clientIp = authentication.getAttributes().get(InternalClaims.CLIENT_IP);
        return new Actor(authentication.getName(), clientIp == null ? null : clientIp.toString());
    }
}
