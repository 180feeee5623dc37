package dev.steward.identity.permission;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

@Controller("/v0/bucket")
@Secured(InternalClaims.ROLE_API)
public class BucketPermissionController {

    private final BucketPermissionService permissions;

    public BucketPermissionController(BucketPermissionService permissions) {
        this.permissions = permissions;
    }

    @Post("/allow")
    public PermissionViews.BucketPermissions allow(@Nullable @Body PermissionViews.PermissionChange body, Authentication authentication) {
        return permissions.change(body, true, Actors.from(authentication));
    }

    @Post("/deny")
    public PermissionViews.BucketPermissions deny(@Nullable @Body PermissionViews.PermissionChange body, Authentication authentication) {
        return permissions.change(body, false, Actors.from(authentication));
    }
}
