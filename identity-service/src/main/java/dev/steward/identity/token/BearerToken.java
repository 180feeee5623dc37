package dev.steward.identity.token;

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
        Kind kind,
        String tokenHash,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> ipRanges,
        Instant createdAt,
        @Nullable Instant expiresAt) {

    public enum Kind {
        /** Garage admin_token: every admin endpoint its scopes allow. */
        ADMIN,
        /** Garage metrics_token: only /metrics. */
        METRICS
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
