package dev.steward.identity.token;

import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("bearer_token")
public record BearerToken(
        @Id String id,
        String name,
        Role role,
        String tokenHash,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> ipRanges,
        Instant createdAt,
        @Nullable Instant expiresAt) {

    public Grant grant() {
        return new Grant(role, scopes, ipRanges, expiresAt);
    }

    /** Garage's two token kinds, shown for clients written before roles: a metrics token, or an admin one. */
    public String kind() {
        return role == Role.METRICS ? "METRICS" : "ADMIN";
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
