package dev.steward.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The storage process the agent supervises and restarts on a reboot task: the command in
 * {@code STEWARD_AGENT_STORAGE_COMMAND} (run by {@code sh -c} in the data directory), by default a
 * stand-in that only sleeps, so a node without a real storage daemon still has something to restart.
 */
final class StorageProcess implements AutoCloseable {

    static final String STAND_IN = "exec sleep 2147483647";
    static final String PID_FILE = "storage.pid";

    private final String command;
    private final Path dataDir;
    private final Duration settle;
    private Process process;

    StorageProcess(String command, Path dataDir, Duration settle) {
        this.command = command;
        this.dataDir = dataDir;
        this.settle = settle;
    }

    /**
     * Starts the process, first stopping one a previous agent left running (it was killed with
     * kill -9 and could not stop its child): {@code storage.pid} names it, and it is stopped only if
     * that pid still runs the same command, so a recycled pid is left alone.
     */
    synchronized void start() throws IOException {
        stopOrphan();
        process = new ProcessBuilder(List.of("sh", "-c", command)).directory(dataDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dataDir.toFile(), "storage.log"))).start();
        Files.writeString(pidFile(), process.pid() + "\n");
    }

    private Path pidFile() {
        return dataDir.resolve(PID_FILE);
    }

    private void stopOrphan() throws IOException {
        if (!Files.exists(pidFile())) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile()).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid);
        if (orphan.isPresent() && orphan.get().isAlive() && orphan.get().info().commandLine().map(line -> line.contains(commandWord())).orElse(false)) {
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                orphan.get().destroyForcibly();
            }
        }
    }

    /** What the process's command line shows of the command ({@code sh -c} execs it, as the stand-in does). */
    private String commandWord() {
        String[] words = command.replace("exec ", "").strip().split("\\s+");
        return words.length == 0 ? command : words[words.length - 1];
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the process (SIGTERM, then SIGKILL after 10 s), starts it again and checks it is still up
     * after the settle time.
     *
     * @return what happened, for the task's report
     * @throws IOException when it could not be started or died at once
     */
    synchronized String restart() throws IOException, InterruptedException {
        long before = pid();
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        start();
        if (process.waitFor(settle.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the storage process exited with " + process.exitValue() + " right after its restart (see storage.log)");
        }
        return "storage process restarted (pid " + before + " -> " + process.pid() + ")";
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
