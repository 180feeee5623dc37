package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
            client.postFile("/api/v1/admin/update", "update", file, uploadTimeout);
            exitCode = new JobWatcher(cli).started(client, "update", watch, options);
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
