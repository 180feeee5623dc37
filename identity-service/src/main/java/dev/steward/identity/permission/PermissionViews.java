package dev.steward.identity.permission;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Bodies of BucketAllowKey / BucketDenyKey, and the bucket entries of GetKeyInfo. */
public final class PermissionViews {

    private PermissionViews() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Flags(@Nullable Boolean read, @Nullable Boolean write, @Nullable Boolean owner) {
    }

    @Serdeable
    public record PermissionChange(@Nullable String bucketId, @Nullable String accessKeyId, @Nullable Flags permissions) {
    }

    /** One bucket in GetKeyInfo's "buckets". */
    @Serdeable
    public record KeyBucket(String id, List<String> globalAliases, List<String> localAliases, Flags permissions) {
    }

    @Serdeable
    public record BucketKey(String accessKeyId, String name, Flags permissions, List<String> bucketLocalAliases) {
    }

    /** What identity-service knows of the bucket after a permission change (GetBucketInfo has the rest). */
    @Serdeable
    public record BucketPermissions(String id, List<String> globalAliases, List<BucketKey> keys) {
    }

    @Serdeable
    public record BucketKeyPermissionChanged(String bucketId, String accessKeyId, boolean read, boolean write, boolean owner) {
    }
}
