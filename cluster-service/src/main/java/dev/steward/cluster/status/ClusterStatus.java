package dev.steward.cluster.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.steward.cluster.layout.LayoutView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** GetClusterStatus body, field names as in the Garage admin API v0. */
@Serdeable
public record ClusterStatus(
        String node,
        @JsonProperty("garage_version") String garageVersion,
        Map<String, KnownNode> knownNodes,
        LayoutView layout) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KnownNode(
            String addr,
            @JsonProperty("is_up") boolean isUp,
            @JsonProperty("last_seen_secs_ago") @Nullable Long lastSeenSecsAgo,
            @Nullable String hostname) {
    }
}
