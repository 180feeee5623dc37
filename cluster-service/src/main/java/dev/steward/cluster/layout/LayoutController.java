package dev.steward.cluster.layout;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

@dev.steward.common.idempotency.Idempotent
@Controller
@Secured(InternalClaims.ROLE_API)
public class LayoutController {

    private final LayoutService layouts;
    public LayoutController(LayoutService layouts) {
        this.layouts = layouts;
    }

    /** {@code {"version": n}}, the body of apply and revert. */
    @Serdeable
    public record VersionRequest(@Nullable Long version) {
    }

    @Get("/v0/layout")
    public LayoutView layout() {
        return layouts.view();
    }

    @Post("/v0/layout")
    public LayoutView stage(@Nullable @Body JsonNode changes, Authentication authentication) {
        return layouts.stage(changes, Actors.from(authentication));
    }

    @Post("/v0/layout/apply")
    public LayoutView apply(@Nullable @Body VersionRequest body, Authentication authentication) {
        return layouts.apply(body == null ? null : body.version(), Actors.from(authentication));
    }

    @Post("/v0/layout/revert")
    public LayoutView revert(@Nullable @Body VersionRequest body, Authentication authentication) {
        return layouts.revert(body == null ? null : body.version(), Actors.from(authentication));
    }

    /** Steward's addition: the assignment that applying the staged changes would make, before applying them. */
    @Get("/steward/v1/layout/preview")
    public LayoutPreview preview() {
        return layouts.preview();
    }

    /** Steward's addition: which nodes hold each partition, and how many partitions each node holds. */
    @Get("/steward/v1/layout/partitions")
    public PartitionsView partitions() {
        return layouts.partitionsView();
    }
}
