package dev.steward.identity.export;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.List;

/** JuiceFS console API: a volume's client ACLs. */
@dev.steward.common.idempotency.Idempotent
@Controller("/api/v1/volumes/{volumeId}/exports")
@Secured(InternalClaims.ROLE_API)
public class ExportController {

    private final ExportService exports;

    public ExportController(ExportService exports) {
        this.exports = exports;
    }

    @Get
    public List<ExportViews.ExportView> list(@PathVariable long volumeId) {
        return exports.list(volumeId).stream().map(ExportViews.ExportView::of).toList();
    }

    @Get("/{exportId}")
    public ExportViews.ExportView get(@PathVariable long volumeId, @PathVariable long exportId) {
        return ExportViews.ExportView.of(exports.get(volumeId, exportId));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public ExportViews.ExportView create(@PathVariable long volumeId, @Nullable @Body JsonNode body,
                                         Authentication authentication) {
        return ExportViews.ExportView.of(exports.create(volumeId, ExportViews.ExportRequest.from(body), Actors.from(authentication)));
    }

    @Put("/{exportId}")
    public ExportViews.ExportView update(@PathVariable long volumeId, @PathVariable long exportId,
                                         @Nullable @Body JsonNode body, Authentication authentication) {
        return ExportViews.ExportView.of(exports.update(volumeId, exportId, ExportViews.ExportRequest.from(body), Actors.from(authentication)));
    }

    @Delete("/{exportId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long volumeId, @PathVariable long exportId, Authentication authentication) {
        exports.delete(volumeId, exportId, Actors.from(authentication));
    }
}
