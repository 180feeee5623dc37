package dev.steward.agent;

import java.util.List;

/**
 * What the agent reports for one task (docs/events.md, {@code NodeTaskCompleted}): {@code errorCode}
 * is Jidoteki's E1000 when an update package's own check failed and E1002 for any other failed
 * update, null otherwise; {@code log} is the output worth showing in the job's log.
 */
public record TaskResult(boolean succeeded, String message, String errorCode, List<String> log) {

    public static final String SCRIPT_FAILED = "E1000";
    public static final String UPDATE_FAILED = "E1002";

    public TaskResult {
        log = List.copyOf(log);
    }

    public static TaskResult success(String message) {
        return new TaskResult(true, message, null, List.of());
    }

    public static TaskResult failed(String errorCode, String message, List<String> log) {
        return new TaskResult(false, message, errorCode, log);
    }

    public static TaskResult failed(String message) {
        return new TaskResult(false, message, null, List.of());
    }
}
