package dev.steward.agent.update;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.agent.TaskResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An {@code update} task: download the package the task names, then install it; the download is removed either way. */
public final class UpdateTask {

    private final PackageDownload download;
    private final UpdateInstaller installer;
    private final Path downloads;

    public UpdateTask(PackageDownload download, UpdateInstaller installer, Path dataDir) {
        this.download = download;
        this.installer = installer;
        this.downloads = dataDir.resolve("downloads");
    }

    public TaskResult run(JsonNode parameters) throws IOException, InterruptedException {
        String version = parameters.path("version").asText(null);
        if (version != null && version.equals(installer.currentVersion())) {
            return TaskResult.success("version " + version + " is already installed");
        }
        Path file = downloads.resolve("package.enc");
        try {
            download.fetch(parameters.path("package").asText(null), file);
            return installer.install(version, parameters.path("sha256").asText(null), file);
        } catch (PackageDownload.FailedException e) {
            return TaskResult.failed(TaskResult.UPDATE_FAILED, e.getMessage() + "; nothing was changed", List.of());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
