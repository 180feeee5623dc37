package dev.steward.cluster.layout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.List;

/** A staged change of one node's role: its new role, or its removal from the layout. */
@MappedEntity("layout_staged_change")
public record StagedRoleChange(@Id String nodeId, boolean removal, @Nullable String zone, @Nullable Long capacity,
                               @Nullable @TypeDef(type = DataType.STRING_ARRAY) List<String> tags) {

    static StagedRoleChange remove(String nodeId) {
        return new StagedRoleChange(nodeId, true, null, null, null);
    }

    static StagedRoleChange assign(String nodeId, LayoutView.Role role) {
        return new StagedRoleChange(nodeId, false, role.zone(), role.capacity(), role.tags());
    }

    /** null in GetClusterLayout's stagedRoleChanges means "remove". */
    @Nullable
    LayoutView.Role view() {
        return removal ? null : new LayoutView.Role(zone, capacity, tags);
    }
}
