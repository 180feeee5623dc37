package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.ApiResponse;
import dev.steward.cli.http.StewardClient;
import dev.steward.cli.sign.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

@Command(name = "backup", description = "Backups (Jidoteki /api/v1/admin/backup): start one, show the last one's status, "
        + "download its archive, restore an archive.",
        subcommands = {BackupCommand.Start.class, BackupCommand.Status.class, BackupCommand.Download.class, BackupCommand.Restore.class})
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
            exitCode = new JobWatcher(cli).started(client, "backup", watch, options);
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

    @Command(name = "download", description = "Download the last backup's archive (GET /api/v1/admin/backup/download; admin only).")
    public static class Download extends ApiCommand {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "where to write it (default: ${DEFAULT-VALUE})")
        Path file = Path.of("backup.tar");
        @Option(names = "--force", description = "replace FILE if it exists")
        boolean force;

        public Download(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            if (Files.exists(file) && !force) {
                throw new IllegalArgumentException(file + " exists: use --force to replace it");
            }
            long bytes = client.download("/api/v1/admin/backup/download", Query.empty(), file);
            cli.say("wrote " + bytes + " bytes to " + file);
        }
    }

    @Command(name = "restore", description = "Restore every service's state from an archive (POST /api/v1/admin/backup/restore; admin only). "
            + "Synchronous, as the reference: waits until the restore has finished.")
    public static class Restore extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ARCHIVE", description = "a backup archive (backup.tar) this installation sealed")
        Path archive;
        @Option(names = "--timeout", description = "how long to wait for the answer (default: ${DEFAULT-VALUE})")
        Duration timeout = Duration.ofMinutes(5);

        public Restore(StewardCli cli) {
            super(cli);
        }

        @Override
        void run(StewardClient client) {
            ApiResponse answer = client.postFile("/api/v1/admin/backup/restore", "archive", archive, timeout);
            if (answer.json() != null) {
                cli.print(answer.json());
            }
            cli.say("restored from " + archive);
        }
    }
}
