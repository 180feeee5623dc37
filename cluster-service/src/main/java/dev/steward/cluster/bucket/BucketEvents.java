package dev.steward.cluster.bucket;

import dev.steward.common.event.EventTypes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Past-tense bucket facts on {@code steward.cluster.events.v1}, keyed by bucket id. Each carries the
 * bucket's whole alias state, so a consumer replaces what it knows instead of replaying deltas.
 */
public final class BucketEvents {

    private BucketEvents() {
    }

    public static final String BUCKET_CREATED = EventTypes.type("cluster", "BucketCreated");
    public static final String BUCKET_UPDATED = EventTypes.type("cluster", "BucketUpdated");
    public static final String BUCKET_ALIASED = EventTypes.type("cluster", "BucketAliased");
    public static final String BUCKET_UNALIASED = EventTypes.type("cluster", "BucketUnaliased");
    public static final String BUCKET_DELETED = EventTypes.type("cluster", "BucketDeleted");

    /** A permission CreateBucket granted with a local alias; identity-service records it as its own. */
    @Serdeable
    public record InitialGrant(String accessKeyId, boolean read, boolean write, boolean owner) {
    }

    @Serdeable
    public record BucketState(String bucketId, List<String> globalAliases, List<BucketViews.LocalAliasRef> localAliases,
                              boolean websiteAccess, BucketViews.Quotas quotas, @Nullable InitialGrant grant) {
    }
}
