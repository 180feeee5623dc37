package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

@Command(name = "job", description = "Jobs of every kind (/steward/v1/jobs): list, show, watch.",
        subcommands = {JobCommand.ListJobs.class, JobCommand.Show.class, JobCommand.Watch.class})
public class JobCommand {

    static final String[] COLUMNS = {"id", "kind", "status", "percentage", "errorCode", "requestedBy", "createdAt", "finishedAt"};

    @Command(name = "list", description = "The latest jobs, newest first.")
    public static class ListJobs extends ApiCommand {
        @Option(names = "--kind", description = "update, backup, restore, reboot, logs, debug")
        String kind;
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        public ListJobs(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/steward/v1/jobs", Query.empty().and("kind", kind).and("limit", String.valueOf(limit))), COLUMNS);
        }
    }

    @Command(name = "show", description = "A job with its whole log and per-node tasks.")
    public static class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        public Show(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/steward/v1/jobs/" + Query.encode(id), Query.empty()));
        }
    }

    /** The options of every command that can wait for its job. */
    static class WatchOptions {
        @Option(names = "--interval", defaultValue = "PT1S", description = "poll interval, ISO-8601 (default: PT1S)")
        Duration interval;
        @Option(names = "--timeout", defaultValue = "PT30M", description = "give up after (default: PT30M)")
        Duration timeout;
    }

    @Command(name = "watch", description = "Follow a job's progress until it ends; exits 4 if it failed.")
    public static class Watch extends ApiCommand {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;
        @picocli.CommandLine.Mixin
        WatchOptions options = new WatchOptions();

        public Watch(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) throws InterruptedException {
            exitCode = new JobWatcher(cli).watch(client, id, options.interval, options.timeout);
        }
    }
}
