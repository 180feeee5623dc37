package dev.steward.cluster.status;

import dev.steward.common.security.InternalClaims;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

@Controller("/v0")
@Secured(InternalClaims.ROLE_API)
public class StatusController {

    private final StatusService statusService;

    public StatusController(StatusService statusService) {
        this.statusService = statusService;
    }

    /** Garage GetClusterStatus. */
    @Get("/status")
    public ClusterStatus status() {
        return statusService.status();
    }
}
