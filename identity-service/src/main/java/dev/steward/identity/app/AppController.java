package dev.steward.identity.app;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.error.ProblemException;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Grants;
import dev.steward.common.security.Role;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.identity.token.Delegation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Gluster REST API's application registry over REST (the reference only has the CLI, which the
 * service jar also offers: {@code app-add <APP_ID> <SECRET>}, {@code app-reset}, {@code app-del}).
 * Secrets are never returned.
 */
@dev.steward.common.idempotency.Idempotent
@Controller("/v1/apps")
@Secured(InternalClaims.ROLE_API)
public class AppController {

    private final AppService apps;

    public AppController(AppService apps) {
        this.apps = apps;
    }

    @Serdeable
    public record AppRegistration(@Nullable String id, @Nullable String secret, @Nullable String role,
                                  @Nullable List<String> scopes, @Nullable List<String> ipRanges, @Nullable Instant expiresAt) {
    }

    @Serdeable
    public record SecretReset(@Nullable String secret) {
    }

    @Get
    public Map<String, List<String>> list() {
        return Map.of("apps", apps.list());
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Post
    @Status(HttpStatus.CREATED)
    public Map<String, String> add(@Body AppRegistration registration, Authentication authentication) {
        if (registration.role() == null) {
            // An app is a signing credential like a key: its role is a decision, never a default.
            throw new ProblemException(IdentityErrorCode.ROLE_REQUIRED, "name the app's role: " + Role.ids());
        }
        Grant caller = Grants.from(authentication);
        Grant grant = Delegation.requested(registration.role(), registration.scopes(), registration.ipRanges(),
                registration.expiresAt(), new Grant(Role.NONE, caller.scopes(), caller.ipRanges(), caller.expiresAt()));
        apps.add(registration.id(), registration.secret(), grant, Actors.from(authentication), caller);
        return Map.of("id", registration.id());
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Put("/{id}")
    public Map<String, String> reset(String id, @Body SecretReset reset, Authentication authentication) {
        apps.reset(id, reset.secret(), Actors.from(authentication), Grants.from(authentication));
        return Map.of("id", id);
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(String id, Authentication authentication) {
        apps.delete(id, Actors.from(authentication), Grants.from(authentication));
    }
}
