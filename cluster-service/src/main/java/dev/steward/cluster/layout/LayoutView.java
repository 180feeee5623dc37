package dev.steward.cluster.layout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** GetClusterLayout's body: the applied roles and the staged changes (null = staged removal). */
@Serdeable
public record LayoutView(long version, Map<String, Role> roles, Map<String, Role> stagedRoleChanges) {

    /** capacity null = gateway node, as in Garage. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Role(String zone, @Nullable Long capacity, List<String> tags) {
    }
}
