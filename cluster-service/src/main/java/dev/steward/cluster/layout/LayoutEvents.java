package dev.steward.cluster.layout;

import dev.steward.common.event.EventTypes;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** Past-tense layout facts on {@code steward.cluster.events.v1}, keyed "layout" so they stay in order. */
public final class LayoutEvents {

    private LayoutEvents() {
    }

    public static final String LAYOUT_CHANGES_STAGED = EventTypes.type("cluster", "LayoutChangesStaged");
    public static final String LAYOUT_APPLIED = EventTypes.type("cluster", "LayoutApplied");
    public static final String LAYOUT_REVERTED = EventTypes.type("cluster", "LayoutReverted");

    /** @param changes node id → new role, or null for a removal */
    @Serdeable
    public record LayoutChangesStaged(long version, Map<String, LayoutView.Role> changes) {
    }

    /** @param slotsMoved replica slots that changed node, i.e. the data that has to move */
    @Serdeable
    public record LayoutApplied(long version, Map<String, LayoutView.Role> roles, int replicationFactor,
                                int slotsMoved, Map<String, Integer> partitionsPerNode) {
    }

    @Serdeable
    public record LayoutReverted(long version, List<String> clearedNodeIds) {
    }
}
