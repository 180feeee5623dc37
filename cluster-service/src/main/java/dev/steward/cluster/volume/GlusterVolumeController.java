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
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.List;

/** Gluster REST API: volumes by name, created, started, stopped and deleted. */
@dev.steward.common.idempotency.Idempotent
@Controller("/v1/volumes")
@Secured(InternalClaims.ROLE_API)
public class GlusterVolumeController {

    private final VolumeService volumes;

    public GlusterVolumeController(VolumeService volumes) {
        this.volumes = volumes;
    }

    @Get
    public List<VolumeViews.GlusterVolume> list() {
        return volumes.list().stream().map(VolumeViews.GlusterVolume::of).toList();
    }

    @Get("/{name}")
    public VolumeViews.GlusterVolume get(@PathVariable String name) {
        return VolumeViews.GlusterVolume.of(volumes.getByName(name));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public VolumeViews.GlusterVolume create(@Nullable @Body VolumeViews.CreateVolume body, Authentication authentication) {
        return VolumeViews.GlusterVolume.of(volumes.create(body, Actors.from(authentication)));
    }

    @Post("/{name}/start")
    public VolumeViews.GlusterVolume start(@PathVariable String name, @Nullable @Body VolumeViews.Force body, Authentication authentication) {
        return VolumeViews.GlusterVolume.of(volumes.start(name, body != null && Boolean.TRUE.equals(body.force()), Actors.from(authentication)));
    }

    @Post("/{name}/stop")
    public VolumeViews.GlusterVolume stop(@PathVariable String name, @Nullable @Body VolumeViews.Force body, Authentication authentication) {
        return VolumeViews.GlusterVolume.of(volumes.stop(name, body != null && Boolean.TRUE.equals(body.force()), Actors.from(authentication)));
    }

    @Delete("/{name}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String name, Authentication authentication) {
        volumes.deleteByName(name, Actors.from(authentication));
    }
}
