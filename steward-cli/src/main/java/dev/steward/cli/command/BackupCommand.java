package dev.steward.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "backup", description = "Backups (Jidoteki /api/v1/admin/backup): start one, show the last one's status.",
        subcommands = {BackupCommand.Start.class, BackupCommand.Status.class})
public class BackupCommand {

    @Command(name = "start", description = "Start a backup of every service's state; --watch follows it to the end.")
    public static class Start extends ApiCommand {
        @Option(names = "--watch", description = "follow the job until it ends (exits 4 if it failed)")
        boolean watch;
        @Mixin
        JobCommand.WatchOptions options = new JobCommand.WatchOptions();

        public Start(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) throws InterruptedException {
            client.postForm("/api/v1/admin/backup", Map.of("action", "START"));
            // The reference answers 202 with the status URL, not a job id: the newest backup job is this one,
            // as only one backup runs at a time.
            JsonNode latest = client.get("/steward/v1/jobs", Query.empty().and("kind", "backup").and("limit", "1"));
            String id = latest.path(0).path("id").asText(null);
            if (id == null) {
                throw new IllegalStateException("the backup was accepted but no backup job is listed");
            }
            cli.say("backup job " + id);
            if (watch) {
                exitCode = new JobWatcher(cli).watch(client, id, options.interval, options.timeout);
            }
        }
    }

    @Command(name = "status", description = "The last backup's status (GET /api/v1/admin/backup).")
    public static class Status extends ApiCommand {
        public Status(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/api/v1/admin/backup", Query.empty()));
        }
    }
}
