package dev.steward.identity.permission;

import dev.steward.common.consistency.OwnedView;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/**
 * BucketAllowKey / BucketDenyKey. The reference answers with the bucket's full info (GetBucketInfo,
 * cluster-service's); this service answers with what it knows and names that view for the gateway.
 */
@dev.steward.common.idempotency.Idempotent
@Controller("/v0/bucket")
@Secured(InternalClaims.ROLE_API)
public class BucketPermissionController {

    private final BucketPermissionService permissions;

    public BucketPermissionController(BucketPermissionService permissions) {
        this.permissions = permissions;
    }

    @Post("/allow")
    public HttpResponse<PermissionViews.BucketPermissions> allow(@Nullable @Body PermissionViews.PermissionChange body,
                                                                 Authentication authentication) {
        return withBucketInfo(permissions.change(body, true, Actors.from(authentication)));
    }

    @Post("/deny")
    public HttpResponse<PermissionViews.BucketPermissions> deny(@Nullable @Body PermissionViews.PermissionChange body,
                                                                Authentication authentication) {
        return withBucketInfo(permissions.change(body, false, Actors.from(authentication)));
    }

    private static HttpResponse<PermissionViews.BucketPermissions> withBucketInfo(PermissionViews.BucketPermissions changed) {
        return HttpResponse.ok(changed).header(OwnedView.HEADER, "/v0/bucket?id=" + changed.id());
    }
}
