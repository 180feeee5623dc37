package dev.steward.identity.lease;

import dev.steward.common.concurrent.Polling;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lease protocol, identity's half. A gateway polls with the epoch it has dropped its cache for.
 * If that is the current epoch, its lease is renewed and the poll waits for the next change (or
 * {@code maxPoll}); if not, it is told the current epoch at once and gets no renewal until it
 * confirms it. A change is answered when no gateway with a live lease lags behind it: every leased
 * gateway confirmed, or its lease ran out (and then it does not use its cache any more).
 */
@Singleton
public class GatewayLeases {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLeases.class);
    private static final Duration POLL = Duration.ofMillis(5);

    private final GatewayLeaseRepository leases;
    private final GatewayLeaseLimits limits;

    public GatewayLeases(GatewayLeaseRepository leases, GatewayLeaseLimits limits) {
        this.leases = leases;
        this.limits = limits;
    }

    public record Lease(long epoch, long leaseMillis) {
    }

    /** One poll: confirms {@code ackedEpoch}, renews when it is current, then waits up to {@code wait} for a change. */
    public Lease poll(String gatewayId, long ackedEpoch, Duration wait) {
        if (!confirm(gatewayId, ackedEpoch)) {
            return new Lease(leases.findEpoch(), 0);
        }
        Duration bounded = wait.compareTo(limits.maxPoll()) > 0 ? limits.maxPoll() : wait;
        AtomicLong epoch = new AtomicLong(ackedEpoch);
        Polling.until(bounded, POLL, () -> {
            epoch.set(leases.findEpoch());
            return epoch.get() != ackedEpoch;
        });
        return new Lease(epoch.get(), limits.duration().toMillis());
    }

    @Transactional
    public boolean confirm(String gatewayId, long ackedEpoch) {
        boolean current = leases.findEpochForShare() == ackedEpoch;
        leases.confirm(gatewayId, ackedEpoch, current, limits.duration().toMillis());
        return current;
    }

    /**
     * Waits until no gateway may still use a cache from before {@code epoch}; at most one lease
     * duration (and a little), since no lease is renewed for a gateway that lags.
     */
    public void awaitDropped(long epoch) {
        if (!Polling.until(limits.duration().plus(limits.maxPoll()), POLL, () -> leases.countLagging(epoch) == 0)) {
            LOG.warn("Answering credential change {} while some gateway still holds a lease from before it", epoch);
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void forgetGoneGateways() {
        leases.deleteForgotten();
    }
}
