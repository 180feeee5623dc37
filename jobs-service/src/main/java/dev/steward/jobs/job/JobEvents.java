package dev.steward.jobs.job;

import dev.steward.common.event.EventTypes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.UUID;

/**
 * Past-tense job facts on the public {@code steward.jobs.events.v1}, keyed by job id (so one job's
 * events stay in order), for outside consumers: accepted, each progress step, and the end.
 */
public final class JobEvents {

    private JobEvents() {
    }

    public static final String JOB_ACCEPTED = EventTypes.type("jobs", "JobAccepted");
    public static final String JOB_PROGRESSED = EventTypes.type("jobs", "JobProgressed");
    public static final String JOB_SUCCEEDED = EventTypes.type("jobs", "JobSucceeded");
    public static final String JOB_FAILED = EventTypes.type("jobs", "JobFailed");

    /**
     * One shape for every job fact: where the job stands after it.
     *
     * @param message     the log line this step wrote
     * @param details     kind-specific facts (an update's version, a backup's sha256 ...)
     * @param errorCode   on JobFailed: Jidoteki's code (E1002 ...) where it has one
     */
    @Serdeable
    public record JobState(UUID jobId, String kind, String status, int percentage, @Nullable String message,
                           Map<String, Object> details, @Nullable String errorCode, @Nullable String errorMessage) {
    }
}
