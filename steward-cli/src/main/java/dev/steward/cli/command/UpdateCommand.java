package dev.steward.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

@Command(name = "update", description = "Software updates (Jidoteki /api/v1/admin/update): upload a sealed package, show the last update's status.",
        subcommands = {UpdateCommand.Upload.class, UpdateCommand.Status.class})
public class UpdateCommand {

    @Command(name = "upload", description = "Upload an encrypted update package (.enc) and start the rollout; --watch follows it to the end.")
    public static class Upload extends ApiCommand {
        @Parameters(index = "0", paramLabel = "PACKAGE", description = "the encrypted update package")
        Path file;
        @Option(names = "--watch", description = "follow the update job until it ends (exits 4 if it failed)")
        boolean watch;
        @Option(names = "--upload-timeout", description = "how long to wait for the upload's answer (default: ${DEFAULT-VALUE})")
        Duration uploadTimeout = Duration.ofMinutes(10);
        @Mixin
        JobCommand.WatchOptions options = new JobCommand.WatchOptions();

        public Upload(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) throws InterruptedException {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
            client.postFile("/api/v1/admin/update", "update", file, uploadTimeout);
            // As for backups, the 202 names the status URL, not a job: only one update runs at a time,
            // so the newest update job is this one.
            JsonNode latest = client.get("/steward/v1/jobs", Query.empty().and("kind", "update").and("limit", "1"));
            String id = latest.path(0).path("id").asText(null);
            if (id == null) {
                throw new IllegalStateException("the package was accepted but no update job is listed");
            }
            cli.say("update job " + id);
            if (watch) {
                exitCode = new JobWatcher(cli).watch(client, id, options.interval, options.timeout);
            }
        }
    }

    @Command(name = "status", description = "The last update's status and log (GET /api/v1/admin/update).")
    public static class Status extends ApiCommand {
        public Status(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            cli.print(client.get("/api/v1/admin/update", Query.empty()));
        }
    }
}
