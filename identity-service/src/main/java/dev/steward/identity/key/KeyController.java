package dev.steward.identity.key;

import dev.steward.common.security.Actors;
import dev.steward.common.security.Grants;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** Garage admin API v0 key operations; one path serves several operations, told apart by the query. */
@dev.steward.common.idempotency.Idempotent
@Controller("/v0/key")
@Secured(InternalClaims.ROLE_API)
public class KeyController {

    private final KeyService keys;

    public KeyController(KeyService keys) {
        this.keys = keys;
    }

    /**
     * ListKeys without a query; GetKeyInfo with {@code ?id=} or {@code ?search=}, with the secret
     * when {@code showSecretKey=true} (Garage's later spelling) and the caller is an admin.
     */
    @Get
    public HttpResponse<?> listOrInfo(@Nullable @QueryValue String id, @Nullable @QueryValue String search,
                                      @Nullable @QueryValue String showSecretKey, Authentication authentication) {
        if (id == null && search == null) {
            return HttpResponse.ok(keys.list());
        }
        if ("true".equalsIgnoreCase(showSecretKey)) {
            return HttpResponse.ok(keys.reveal(id, search, Actors.from(authentication), Grants.from(authentication)));
        }
        return HttpResponse.ok(keys.info(id, search));
    }

    /** CreateKey without a query; UpdateKey with {@code ?id=}. */
    @Secured(InternalClaims.ROLE_ADMIN)
    @Post
    public KeyViews.KeyInfo createOrUpdate(@Nullable @QueryValue String id, @Nullable @Body KeyViews.KeyChange body,
                                           Authentication authentication) {
        KeyViews.KeyChange change = body == null ? new KeyViews.KeyChange(null, null, null, null, null, null, null) : body;
        return id == null
                ? keys.create(change, Actors.from(authentication), Grants.from(authentication))
                : keys.update(id, change, Actors.from(authentication), Grants.from(authentication));
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Post("/import")
    public KeyViews.KeyInfo importKey(@Body KeyViews.KeyImport body, Authentication authentication) {
        return keys.importKey(body, Actors.from(authentication), Grants.from(authentication));
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Delete
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@QueryValue String id, Authentication authentication) {
        keys.delete(id, Actors.from(authentication), Grants.from(authentication));
    }
}
