package dev.steward.jobs.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One node's share of a rollout: sent to the node's agent on Kafka, ended by the agent's result. */
@MappedEntity("node_task")
public record NodeTask(@Id UUID id, UUID jobId, String nodeId, int position, String action, String status,
                       @Nullable String message, @Nullable Instant sentAt, @Nullable Instant finishedAt, @Nullable String errorCode) {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
}
