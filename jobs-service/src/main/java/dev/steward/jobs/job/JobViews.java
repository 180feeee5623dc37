package dev.steward.jobs.job;

import dev.steward.jobs.task.NodeTask;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class JobViews {

    private JobViews() {
    }

    /**
     * Jidoteki's job status ({@code GET /update}): status, percentage, the last log lines, and on
     * failure {@code error-message} and {@code error-code}. All null before the first job.
     */
    public static Map<String, Object> jidotekiStatus(@Nullable Job job, List<String> lastLines) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", job == null ? null : job.status());
        body.put("percentage", job == null ? null : job.percentage());
        body.put("log", lastLines.isEmpty() ? null : String.join("\n", lastLines));
        if (job != null && Job.FAILED.equals(job.status())) {
            body.put("error-message", job.errorMessage());
            body.put("error-code", job.errorCode());
        }
        return body;
    }

    @Serdeable
    public record TaskView(String nodeId, String action, String status, @Nullable String message, @Nullable String errorCode,
                           @Nullable Instant sentAt, @Nullable Instant finishedAt) {

        static TaskView of(NodeTask task) {
            return new TaskView(task.nodeId(), task.action(), task.status(), task.message(), task.errorCode(), task.sentAt(), task.finishedAt());
        }
    }

    /** Steward's own view of a job, for every kind. */
    @Serdeable
    public record JobView(UUID id, String kind, String status, int percentage, @Nullable String errorCode, @Nullable String errorMessage,
                          String requestedBy, Instant createdAt, @Nullable Instant finishedAt, List<String> log, List<TaskView> tasks) {

        static JobView of(Job job, List<String> log, List<NodeTask> tasks) {
            return new JobView(job.id(), job.kind(), job.status(), job.percentage(), job.errorCode(), job.errorMessage(), job.requestedBy(),
                    job.createdAt(), job.finishedAt(), log, tasks.stream().map(TaskView::of).toList());
        }
    }
}
