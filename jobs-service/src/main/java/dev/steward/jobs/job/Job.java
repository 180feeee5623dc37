package dev.steward.jobs.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("job")
public record Job(@Id UUID id, String kind, String status, boolean exclusive, int percentage,
                  @Nullable String errorCode, @Nullable String errorMessage, String requestedBy, @Nullable String clientIp,
                  @Nullable String leaseOwner, @Nullable Instant leaseUntil, Instant createdAt, Instant updatedAt,
                  @Nullable Instant finishedAt) {

    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";

    public boolean running() {
        return RUNNING.equals(status);
    }
}
