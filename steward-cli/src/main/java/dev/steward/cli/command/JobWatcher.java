package dev.steward.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.output.Format;
import dev.steward.cli.sign.Query;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Polls a job until it is no longer running and draws its progress: a bar redrawn in place on a terminal,
 * one line per change otherwise (logs, scripts), or each new state as a JSON line with {@code -o json}.
 */
final class JobWatcher {

    /** Exit code of a watch whose job failed. */
    static final int JOB_FAILED = 4;
    static final int BAR_WIDTH = 30;

    private final StewardCli cli;
    private final boolean terminal;

    JobWatcher(StewardCli cli) {
        this.cli = cli;
        this.terminal = System.console() != null;
    }

    static String bar(int percentage, String status) {
        int clamped = Math.max(0, Math.min(100, percentage));
        int filled = clamped * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%%", clamped) + " " + status;
    }

    /**
     * The job a Jidoteki request just started, announced as "{@code kind} job ID" and watched when asked. The
     * reference answers 202 with the status URL, not a job id; only one job of a kind runs at a time, so the
     * newest job of {@code kind} is this one.
     *
     * @return 0, or when watched as {@link #watch}
     */
    int started(StewardClient client, String kind, boolean watch, JobCommand.WatchOptions options) throws InterruptedException {
        JsonNode latest = client.get("/steward/v1/jobs", Query.empty().and("kind", kind).and("limit", "1"));
        String id = latest.path(0).path("id").asText(null);
        if (id == null) {
            throw new IllegalStateException("the " + kind + " was accepted but no " + kind + " job is listed");
        }
        cli.say(kind + " job " + id);
        return watch ? watch(client, id, options.interval, options.timeout) : 0;
    }

    /** @return 0 when the job succeeded, {@link #JOB_FAILED} otherwise */
    int watch(StewardClient client, String jobId, Duration interval, Duration timeout) throws InterruptedException {
        PrintWriter out = cli.out();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            JsonNode job = client.get("/steward/v1/jobs/" + Query.encode(jobId), Query.empty());
            String status = job.path("status").asText();
            int percentage = job.path("percentage").asInt();
            String state = status + "/" + percentage;
            if (!state.equals(last)) {
                if (cli.format() == Format.JSON) {
                    out.println(job.toString());
                } else if (terminal) {
                    out.print("\r" + bar(percentage, status));
                } else {
                    out.println(bar(percentage, status));
                }
                out.flush();
                last = state;
            }
            if (!"running".equals(status) && !"queued".equals(status)) {
                if (terminal && cli.format() != Format.JSON) {
                    out.println();
                }
                if (!"success".equals(status) && cli.format() != Format.JSON) {
                    out.println("job " + jobId + " " + status + ": " + job.path("errorCode").asText("-") + " "
                            + job.path("errorMessage").asText(""));
                }
                out.flush();
                return "success".equals(status) ? 0 : JOB_FAILED;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " still " + status + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
