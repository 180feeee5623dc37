package dev.steward.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A real {@link StorageProcess} for tests outside its package. */
public final class StorageProcessAccess implements AutoCloseable {

    private final StorageProcess process;

    private StorageProcessAccess(StorageProcess process) {
        this.process = process;
    }

    public static StorageProcessAccess start(String command, Path dataDir, Duration settle) throws IOException {
        StorageProcess process = new StorageProcess(command, dataDir, settle);
        process.start();
        return new StorageProcessAccess(process);
    }

    public String restart() throws IOException, InterruptedException {
        return process.restart();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.alive();
    }

    @Override
    public void close() {
        process.close();
    }
}
