package dev.steward.gateway.auth;

import dev.steward.gateway.signing.QueryString;

/** Caller-supplied ids placed into identity-service paths are percent-encoded: they cannot change the path. */
final class UriEncoding {

    private UriEncoding() {
    }

    static String segment(String value) {
        return QueryString.encode(value);
    }
}
