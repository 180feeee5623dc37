package dev.steward.identity.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("gluster_app")
public record GlusterApp(@Id String id, String secretSealed,
                         @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
                         @TypeDef(type = DataType.STRING_ARRAY) List<String> ipRanges,
                         Instant createdAt, @Nullable Instant resetAt) {
}
