package dev.steward.identity.key;

import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("access_key")
public record AccessKey(@Id String id, String name, String secretSealed, boolean allowCreateBucket, Role role,
                        @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
                        @TypeDef(type = DataType.STRING_ARRAY) List<String> ipRanges,
                        Instant createdAt, @Nullable Instant expiresAt) {

    AccessKey withName(String newName) {
        return new AccessKey(id, newName, secretSealed, allowCreateBucket, role, scopes, ipRanges, createdAt, expiresAt);
    }

    AccessKey withCreateBucket(boolean allowed) {
        return new AccessKey(id, name, secretSealed, allowed, role, scopes, ipRanges, createdAt, expiresAt);
    }

    AccessKey withGrant(Grant grant) {
        return new AccessKey(id, name, secretSealed, allowCreateBucket, grant.role(), grant.scopes(), grant.ipRanges(), createdAt,
                grant.expiresAt());
    }

    public Grant grant() {
        return new Grant(role, scopes, ipRanges, expiresAt);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
