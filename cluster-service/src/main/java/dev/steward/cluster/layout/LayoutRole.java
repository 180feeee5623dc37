package dev.steward.cluster.layout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.List;

/** A node's applied role; a null capacity marks a gateway node. */
@MappedEntity("layout_role")
public record LayoutRole(@Id String nodeId, String zone, @Nullable Long capacity,
                         @TypeDef(type = DataType.STRING_ARRAY) List<String> tags) {

    boolean stores() {
        return capacity != null;
    }

    LayoutView.Role view() {
        return new LayoutView.Role(zone, capacity, tags);
    }
}
