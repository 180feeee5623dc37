package dev.steward.identity.key;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("access_key")
public record AccessKey(@Id String id, String name, String secretSealed, boolean allowCreateBucket,
                        @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
                        @TypeDef(type = DataType.STRING_ARRAY) List<String> ipRanges,
                        Instant createdAt) {

    AccessKey withName(String newName) {
        return new AccessKey(id, newName, secretSealed, allowCreateBucket, scopes, ipRanges, createdAt);
    }

    AccessKey withCreateBucket(boolean allowed) {
        return new AccessKey(id, name, secretSealed, allowed, scopes, ipRanges, createdAt);
    }

    AccessKey withRestrictions(List<String> newScopes, List<String> newIpRanges) {
        return new AccessKey(id, name, secretSealed, allowCreateBucket, newScopes, newIpRanges, createdAt);
    }
}
