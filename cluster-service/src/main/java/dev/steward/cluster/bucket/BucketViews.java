package dev.steward.cluster.bucket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Request and response bodies of the Garage bucket API, field names as in the reference. */
public final class BucketViews {

    private BucketViews() {
    }

    @Serdeable
    public record LocalAliasRef(String accessKeyId, String alias) {
    }

    @Serdeable
    public record BucketListItem(String id, List<String> globalAliases, List<LocalAliasRef> localAliases) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Permissions(@Nullable Boolean read, @Nullable Boolean write, @Nullable Boolean owner) {

        boolean readFlag() {
            return Boolean.TRUE.equals(read);
        }

        boolean writeFlag() {
            return Boolean.TRUE.equals(write);
        }

        boolean ownerFlag() {
            return Boolean.TRUE.equals(owner);
        }
    }

    @Serdeable
    public record WebsiteConfig(String indexDocument, @Nullable String errorDocument) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Quotas(@Nullable Long maxSize, @Nullable Long maxObjects) {
    }

    @Serdeable
    public record BucketKey(String accessKeyId, String name, Permissions permissions, List<String> bucketLocalAliases) {
    }

    /** GetBucketInfo; "unfinshedUploads" is spelled as the reference spells it, so existing clients read it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BucketInfo(String id, List<String> globalAliases, boolean websiteAccess, @Nullable WebsiteConfig websiteConfig,
                             List<BucketKey> keys, long objects, long bytes,
                             @com.fasterxml.jackson.annotation.JsonProperty("unfinshedUploads") long unfinishedUploads,
                             Quotas quotas, List<String> exceededQuotas) {
    }

    @Serdeable
    public record CreateLocalAlias(@Nullable String accessKeyId, @Nullable String alias, @Nullable Permissions allow) {
    }

    @Serdeable
    public record CreateBucket(@Nullable String globalAlias, @Nullable CreateLocalAlias localAlias) {
    }

    @Serdeable
    public record WebsiteAccess(@Nullable Boolean enabled, @Nullable String indexDocument, @Nullable String errorDocument) {
    }

    @Serdeable
    public record UpdateBucket(@Nullable WebsiteAccess websiteAccess, @Nullable Quotas quotas) {
    }

    /** Steward's addition for storage agents: the bucket's usage as the storage layer counts it. */
    @Serdeable
    public record Usage(@Nullable Long objects, @Nullable Long bytes, @Nullable Long unfinishedUploads) {
    }
}
