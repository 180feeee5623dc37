package dev.steward.gateway.auth;

import java.util.List;

/** A caller whose signature the gateway verified, as forwarded to services in the internal JWT. */
public record Principal(String subject, List<String> roles, List<String> scopes, String scheme) {
}
