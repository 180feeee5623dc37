package dev.steward.gateway.auth;

import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * One signing scheme. The gateway asks each scheme, in a fixed order, whether the request carries
 * its credential, and uses the first that does: the scheme is picked once, so a request that fails
 * one scheme is never tried against another.
 */
public interface Authenticator {

    /** The scheme's name, as the internal JWT's {@code scheme} claim and the logs show it. */
    String scheme();

    /** The credential this scheme finds on the request, parsed but not verified; empty when the request does not use it. */
    Optional<PresentedCredential> presented(HttpRequest<?> request);
}
