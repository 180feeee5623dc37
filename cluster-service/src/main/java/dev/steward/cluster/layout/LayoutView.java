package dev.steward.cluster.layout;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** GetClusterLayout's body: the applied roles and the staged changes (null = staged removal). */
@Serdeable
public record LayoutView(long version, Map<String, Role> roles, Map<String, Role> stagedRoleChanges) {

    @Serdeable
    public record Role(String zone, long capacity, List<String> tags) {
    }
}
