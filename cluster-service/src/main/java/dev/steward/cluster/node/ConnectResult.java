package dev.steward.cluster.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConnectResult(boolean success, @Nullable String error) {

    static ConnectResult succeeded() {
        return new ConnectResult(true, null);
    }

    static ConnectResult failed(String error) {
        return new ConnectResult(false, error);
    }
}
