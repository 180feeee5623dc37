package dev.steward.cluster.node;

import dev.steward.common.event.EventTypes;
import io.micronaut.serde.annotation.Serdeable;

/** Past-tense facts cluster-service publishes on {@code steward.cluster.events.v1}. */
public final class ClusterEvents {

    private ClusterEvents() {
    }

    public static final String NODE_CONNECTED = EventTypes.type("cluster", "NodeConnected");

    @Serdeable
    public record NodeConnected(String nodeId, String address) {
    }

    public static final String NODE_FORGOTTEN = EventTypes.type("cluster", "NodeForgotten");

    /** @param reason {@code forgotten} (an administrator asked) or {@code expired} (not seen for steward.cluster.connect.forget-after) */
    @Serdeable
    public record NodeForgotten(String nodeId, String address, String reason) {
    }
}
