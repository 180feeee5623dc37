package dev.steward.cluster.bucket;

import dev.steward.common.audit.NotAnAdminAction;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** Garage admin API v0 bucket operations (BucketAllowKey/DenyKey live in identity-service). */
@dev.steward.common.idempotency.Idempotent
@Controller
@Secured(InternalClaims.ROLE_API)
public class BucketController {

    private final BucketService buckets;

    public BucketController(BucketService buckets) {
        this.buckets = buckets;
    }

    /** ListBuckets without a query; GetBucketInfo with {@code ?id=} or {@code ?globalAlias=}. */
    @Get("/v0/bucket")
    public HttpResponse<?> listOrInfo(@Nullable @QueryValue String id, @Nullable @QueryValue String globalAlias) {
        if (id == null && globalAlias == null) {
            return HttpResponse.ok(buckets.list());
        }
        return HttpResponse.ok(buckets.info(id, globalAlias));
    }

    @Post("/v0/bucket")
    public BucketViews.BucketInfo create(@Nullable @Body BucketViews.CreateBucket body, Authentication authentication) {
        return buckets.create(body == null ? new BucketViews.CreateBucket(null, null) : body, Actors.from(authentication));
    }

    @Put("/v0/bucket")
    public BucketViews.BucketInfo update(@Nullable @QueryValue String id, @Nullable @Body BucketViews.UpdateBucket body,
                                         Authentication authentication) {
        return buckets.update(id, body, Actors.from(authentication));
    }

    @Delete("/v0/bucket")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Nullable @QueryValue String id, Authentication authentication) {
        buckets.delete(id, Actors.from(authentication));
    }

    @Put("/v0/bucket/alias/global")
    public BucketViews.BucketInfo addGlobalAlias(@Nullable @QueryValue String id, @QueryValue String alias, Authentication authentication) {
        return buckets.addGlobalAlias(id, alias, Actors.from(authentication));
    }

    @Delete("/v0/bucket/alias/global")
    public BucketViews.BucketInfo removeGlobalAlias(@Nullable @QueryValue String id, @QueryValue String alias, Authentication authentication) {
        return buckets.removeGlobalAlias(id, alias, Actors.from(authentication));
    }

    @Put("/v0/bucket/alias/local")
    public BucketViews.BucketInfo addLocalAlias(@Nullable @QueryValue String id, @QueryValue String accessKeyId, @QueryValue String alias,
                                                Authentication authentication) {
        return buckets.addLocalAlias(id, accessKeyId, alias, Actors.from(authentication));
    }

    @Delete("/v0/bucket/alias/local")
    public BucketViews.BucketInfo removeLocalAlias(@Nullable @QueryValue String id, @QueryValue String accessKeyId,
                                                   @QueryValue String alias, Authentication authentication) {
        return buckets.removeLocalAlias(id, accessKeyId, alias, Actors.from(authentication));
    }

    /** Steward's addition for storage agents: report a bucket's object count and size. */
    @Put("/steward/v1/buckets/{id}/usage")
    @NotAnAdminAction
    public BucketViews.BucketInfo reportUsage(@PathVariable String id, @Nullable @Body BucketViews.Usage usage) {
        return buckets.reportUsage(id, usage);
    }
}
