package dev.steward.identity.token;

import dev.steward.common.security.Actors;
import dev.steward.common.security.Grants;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * Steward's own API for Garage-style bearer tokens beyond the two from the deployment: several,
 * named, each with a role, with scopes, IP ranges and an optional expiry. The token is shown once.
 */
@dev.steward.common.idempotency.Idempotent
@Controller("/steward/v1/tokens")
@Secured(InternalClaims.ROLE_API)
public class TokenController {

    private final BearerTokenService tokens;

    public TokenController(BearerTokenService tokens) {
        this.tokens = tokens;
    }

    @Serdeable
    public record TokenRequest(@Nullable String name, @Nullable String role, @Nullable String kind, @Nullable List<String> scopes,
                               @Nullable List<String> ipRanges, @Nullable Instant expiresAt) {
    }

    @Serdeable
    public record TokenView(String name, String role, String kind, List<String> scopes, List<String> ipRanges, Instant createdAt,
                            @Nullable Instant expiresAt, @Nullable String token) {

        static TokenView of(BearerToken stored, @Nullable String token) {
            return new TokenView(stored.name(), stored.role().id(), stored.kind(), stored.scopes(), stored.ipRanges(), stored.createdAt(),
                    stored.expiresAt(), token);
        }
    }

    @Get
    public List<TokenView> list() {
        return tokens.list().stream().map(token -> TokenView.of(token, null)).toList();
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Post
    @Status(HttpStatus.CREATED)
    public TokenView issue(@Body TokenRequest request, Authentication authentication) {
        BearerTokenService.IssuedToken issued = tokens.issue(request.name(), request.role(), request.kind(), request.scopes(),
                request.ipRanges(), request.expiresAt(), Actors.from(authentication), Grants.from(authentication));
        return TokenView.of(issued.stored(), issued.token());
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Delete("/{name}")
    @Status(HttpStatus.NO_CONTENT)
    public void revoke(String name, Authentication authentication) {
        tokens.revoke(name, Actors.from(authentication), Grants.from(authentication));
    }
}
