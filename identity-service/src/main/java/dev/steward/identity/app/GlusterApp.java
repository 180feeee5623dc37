package dev.steward.identity.app;

import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("gluster_app")
public record GlusterApp(@Id String id, String secretSealed, Role role,
                         @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
                         @TypeDef(type = DataType.STRING_ARRAY) List<String> ipRanges,
                         Instant createdAt, @Nullable Instant resetAt, @Nullable Instant expiresAt) {

    public Grant grant() {
        return new Grant(role, scopes, ipRanges, expiresAt);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
