package dev.steward.identity.app;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.identity.token.Restrictions;
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

import java.util.List;
import java.util.Map;

/**
 * The Gluster REST API's application registry over REST (the reference only has the CLI, which the
 * service jar also offers: {@code app-add <APP_ID> <SECRET>}, {@code app-reset}, {@code app-del}).
 * Secrets are never returned.
 */
@Controller("/v1/apps")
@Secured(InternalClaims.ROLE_ADMIN)
public class AppController {

    private final AppService apps;

    public AppController(AppService apps) {
        this.apps = apps;
    }

    @Serdeable
    public record AppRegistration(@Nullable String id, @Nullable String secret, @Nullable List<String> scopes,
                                  @Nullable List<String> ipRanges) {
    }

    @Serdeable
    public record SecretReset(@Nullable String secret) {
    }

    @Get
    public Map<String, List<String>> list() {
        return Map.of("apps", apps.list());
    }

    @Post
    @Status(HttpStatus.CREATED)
    public Map<String, String> add(@Body AppRegistration registration, Authentication authentication) {
        apps.add(registration.id(), registration.secret(),
                Restrictions.of(registration.scopes(), registration.ipRanges(), Restrictions.UNRESTRICTED), Actors.from(authentication));
        return Map.of("id", registration.id());
    }

    @Put("/{id}")
    public Map<String, String> reset(String id, @Body SecretReset reset, Authentication authentication) {
        apps.reset(id, reset.secret(), Actors.from(authentication));
        return Map.of("id", id);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(String id, Authentication authentication) {
        apps.delete(id, Actors.from(authentication));
    }
}
