package dev.steward.cluster.volume;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
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

/** JuiceFS console API: volumes by numeric id, and their directory quotas. */
@dev.steward.common.idempotency.Idempotent
@Controller("/api/v1/volumes")
@Secured(InternalClaims.ROLE_API)
public class JuiceFsVolumeController {

    private final VolumeService volumes;

    public JuiceFsVolumeController(VolumeService volumes) {
        this.volumes = volumes;
    }

    @Get
    public List<VolumeViews.JuiceFsVolume> list() {
        return volumes.list().stream().map(VolumeViews.JuiceFsVolume::of).toList();
    }

    @Get("/{id}")
    public VolumeViews.JuiceFsVolume get(@PathVariable long id) {
        return VolumeViews.JuiceFsVolume.of(volumes.get(id));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long id, Authentication authentication) {
        volumes.deleteById(id, Actors.from(authentication));
    }

    @Get("/{id}/quotas")
    public List<VolumeViews.QuotaView> quotas(@PathVariable long id) {
        return volumes.quotas(id);
    }

    @Get("/{id}/quotas/{quotaId}")
    public VolumeViews.QuotaView quota(@PathVariable long id, @PathVariable long quotaId) {
        return volumes.quota(id, quotaId);
    }

    @Post("/{id}/quotas")
    @Status(HttpStatus.CREATED)
    public VolumeViews.QuotaView createQuota(@PathVariable long id, @Nullable @Body VolumeViews.QuotaRequest body,
                                             Authentication authentication) {
        return volumes.createQuota(id, body, Actors.from(authentication));
    }

    @Put("/{id}/quotas/{quotaId}")
    public VolumeViews.QuotaView updateQuota(@PathVariable long id, @PathVariable long quotaId,
                                             @Nullable @Body VolumeViews.QuotaRequest body, Authentication authentication) {
        return volumes.updateQuota(id, quotaId, body, Actors.from(authentication));
    }

    @Delete("/{id}/quotas/{quotaId}")
    @Status(HttpStatus.NO_CONTENT)
    public void deleteQuota(@PathVariable long id, @PathVariable long quotaId, Authentication authentication) {
        volumes.deleteQuota(id, quotaId, Actors.from(authentication));
    }
}
