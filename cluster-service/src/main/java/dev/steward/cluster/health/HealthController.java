package dev.steward.cluster.health;

import dev.steward.common.security.InternalClaims;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

@Controller("/v0/health")
public class HealthController {

    private final HealthService health;

    public HealthController(HealthService health) {
        this.health = health;
    }

    /**
     * Garage GetClusterHealth, always 200. The gateway also calls it (as SERVICE) to answer the
     * unauthenticated {@code GET /health} with 200 or 503.
     */
    @Get
    @Secured({InternalClaims.ROLE_API, InternalClaims.ROLE_SERVICE})
    public ClusterHealth health() {
        return health.health();
    }
}
