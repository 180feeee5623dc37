package dev.steward.cluster.node;

import dev.steward.common.event.Actor;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Forgets known nodes that hold no role and have not been seen (or, never seen, were connected)
 * longer ago than {@code steward.cluster.connect.forget-after}: nodes connected by mistake or
 * retired from the layout do not stay in {@code knownNodes} for ever. Every replica runs it; the
 * rows are taken with SKIP LOCKED, so each node is forgotten once.
 */
@Singleton
public class NodeExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(NodeExpiry.class);

    private final NodeRegistry registry;
    private final ConnectLimits limits;
    private final Clock clock = Clock.systemUTC();

    public NodeExpiry(NodeRegistry registry, ConnectLimits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    @Scheduled(fixedDelay = "${steward.cluster.connect.expiry-check:1m}", initialDelay = "${steward.cluster.connect.expiry-check:1m}")
    void expire() {
        try {
            int forgotten;
            do {
                forgotten = registry.expire(clock.instant().minus(limits.forgetAfter()), Actor.system("node-expiry"));
                if (forgotten > 0) {
                    LOG.info("Forgot {} node(s) without a role not seen for {}", forgotten, limits.forgetAfter());
                }
            } while (forgotten == NodeRegistry.EXPIRY_BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Node expiry failed; trying again at the next check: {}", e.toString());
        }
    }
}
