package dev.steward.cluster.volume;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

@MappedEntity("volume")
public record Volume(@Id @GeneratedValue @Nullable Long id, String name, String state, int replica,
                     @TypeDef(type = DataType.STRING_ARRAY) List<String> bricks, Instant createdAt) {

    public static final String CREATED = "Created";
    public static final String STARTED = "Started";
    public static final String STOPPED = "Stopped";

    Volume withState(String newState) {
        return new Volume(id, name, newState, replica, bricks, createdAt);
    }
}
