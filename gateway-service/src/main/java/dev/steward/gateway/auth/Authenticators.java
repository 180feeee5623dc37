package dev.steward.gateway.auth;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Picks a request's scheme, once: the first scheme, in this order, whose credential the request
 * carries. Query credentials come first so that a stray header never hides them from the policy
 * (which refuses them outside the Jidoteki API); a Gluster JWT before a plain bearer token, since
 * both are sent as {@code Authorization: Bearer}.
 */
@Singleton
public class Authenticators {

    private final List<Authenticator> ordered;

    public Authenticators(JidotekiTokenAuthenticator jidoteki, JuiceFsAuthenticator juiceFs, GlusterAuthenticator gluster,
                          BearerTokenAuthenticator bearer) {
        this.ordered = List.of(jidoteki, juiceFs, gluster, bearer);
    }

    public Optional<PresentedCredential> presented(HttpRequest<?> request) {
        for (Authenticator authenticator : ordered) {
            Optional<PresentedCredential> presented = authenticator.presented(request);
            if (presented.isPresent()) {
                return presented;
            }
        }
        return Optional.empty();
    }
}
