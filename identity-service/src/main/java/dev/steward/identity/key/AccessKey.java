package dev.steward.identity.key;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("access_key")
public record AccessKey(@Id String id, String name, String secretSealed, boolean allowCreateBucket, Instant createdAt) {

    AccessKey withName(String newName) {
        return new AccessKey(id, newName, secretSealed, allowCreateBucket, createdAt);
    }

    AccessKey withCreateBucket(boolean allowed) {
        return new AccessKey(id, name, secretSealed, allowed, createdAt);
    }
}
