package dev.steward.identity.lease;

import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;

/** A gateway's lease poll; not routed from outside. */
@Controller("/internal/v1/gateway-leases")
@Secured(InternalClaims.ROLE_SERVICE)
public class GatewayLeaseController {

    private final GatewayLeases leases;

    public GatewayLeaseController(GatewayLeases leases) {
        this.leases = leases;
    }

    @Serdeable
    public record Poll(long ackedEpoch, @Nullable Long waitMillis) {
    }

    @Serdeable
    public record Answer(long epoch, long leaseMillis) {
    }

    @Post("/{gatewayId}")
    public Answer poll(String gatewayId, @Body Poll poll) {
        GatewayLeases.Lease lease = leases.poll(gatewayId, poll.ackedEpoch(),
                Duration.ofMillis(Math.max(0, poll.waitMillis() == null ? 0 : poll.waitMillis())));
        return new Answer(lease.epoch(), lease.leaseMillis());
    }
}
