package dev.steward.cluster.bucket;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("bucket")
public record Bucket(@Id String id, boolean websiteEnabled, @Nullable String websiteIndexDocument,
                     @Nullable String websiteErrorDocument, @Nullable Long quotaMaxSize, @Nullable Long quotaMaxObjects,
                     long objects, long bytes, long unfinishedUploads, Instant createdAt) {

    static Bucket create(String id, Instant now) {
        return new Bucket(id, false, null, null, null, null, 0, 0, 0, now);
    }

    Bucket withWebsite(boolean enabled, @Nullable String indexDocument, @Nullable String errorDocument) {
        return new Bucket(id, enabled, indexDocument, errorDocument, quotaMaxSize, quotaMaxObjects, objects, bytes,
                unfinishedUploads, createdAt);
    }

    Bucket withQuotas(@Nullable Long maxSize, @Nullable Long maxObjects) {
        return new Bucket(id, websiteEnabled, websiteIndexDocument, websiteErrorDocument, maxSize, maxObjects, objects, bytes,
                unfinishedUploads, createdAt);
    }

    Bucket withUsage(long newObjects, long newBytes, long newUnfinishedUploads) {
        return new Bucket(id, websiteEnabled, websiteIndexDocument, websiteErrorDocument, quotaMaxSize, quotaMaxObjects,
                newObjects, newBytes, newUnfinishedUploads, createdAt);
    }
}
