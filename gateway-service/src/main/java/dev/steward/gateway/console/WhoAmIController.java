package dev.steward.gateway.console;

import dev.steward.gateway.auth.Principal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /steward/v1/whoami}: the caller as the gateway verified it (never a secret), so the console
 * offers only what the caller's role may do. The gateway still decides every request itself.
 */
@Controller("/steward/v1/whoami")
public class WhoAmIController {

    @Serdeable
    public record WhoAmI(String subject, String scheme, String role, List<String> scopes, @Nullable Instant expiresAt) {
    }

    @Get
    public WhoAmI whoami(HttpRequest<?> request) {
        Principal principal = request.getAttribute(Principal.ATTRIBUTE, Principal.class)
                .orElseThrow(() -> new IllegalStateException("the gateway filter hands every local route its caller"));
        return new WhoAmI(principal.subject(), principal.scheme(), principal.role().id(), principal.grant().scopes(),
                principal.grant().expiresAt());
    }
}
