package dev.steward.agent.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.agent.TaskResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs a downloaded update package on this node. The data directory holds every unpacked
 * release under {@code versions/<version>/} and a symbolic link {@code current} to the one in use;
 * the link is replaced by a rename, so whatever happens (kill -9 included) the node is on the old
 * release or on the new one, never in between. The order:
 * <ol>
 *   <li>the package's SHA-256 is the one the task names, it opens with the agent's update key, and
 *       its manifest's version is the task's;</li>
 *   <li>it is unpacked into {@code versions/.incoming-<version>}, then renamed to {@code versions/<version>};</li>
 *   <li>its {@code check.sh}, if it has one, runs there: a failure (or its timeout) removes the
 *       release and leaves {@code current} where it was (E1000, with the check's last lines);</li>
 *   <li>{@code current} is switched and the storage process restarted; if it does not come up,
 *       {@code current} goes back to the previous release and that is restarted (E1002, with the
 *       storage log's last lines).</li>
 * </ol>
 * A task delivered again (the agent died before it reported) finds the release already current and
 * reports success without doing anything twice.
 */
public final class UpdateInstaller {

    static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,3}");
    static final int LOG_LINES = 40;

    /** What restarts the storage process after a switch; it throws when the process does not come up. */
    public interface Restart {
        String restart() throws IOException, InterruptedException;
    }

    private final Path dataDir;
    private final byte[] updateKey;
    private final Restart storage;
    private final Duration checkTimeout;
    private final long maxUnpackedBytes;
    private final ObjectMapper json = new ObjectMapper();

    public UpdateInstaller(Path dataDir, byte[] updateKey, Restart storage, Duration checkTimeout, long maxUnpackedBytes) {
        this.dataDir = dataDir;
        this.updateKey = updateKey == null ? null : updateKey.clone();
        this.storage = storage;
        this.checkTimeout = checkTimeout;
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /** The release {@code current} points to, or null before the first update. */
    public String currentVersion() throws IOException {
        Path current = dataDir.resolve("current");
        if (!Files.isSymbolicLink(current)) {
            return null;
        }
        return Files.readSymbolicLink(current).getFileName().toString();
    }

    public TaskResult install(String version, String sha256, Path sealed) throws IOException, InterruptedException {
        if (version == null || !VERSION.matcher(version).matches()) {
            return TaskResult.failed(TaskResult.UPDATE_FAILED, "the task names no valid version: " + version, List.of());
        }
        String previous = currentVersion();
        if (version.equals(previous)) {
            return TaskResult.success("version " + version + " is already installed");
        }
        if (updateKey == null) {
            return TaskResult.failed(TaskResult.UPDATE_FAILED, "this agent has no update key (STEWARD_UPDATE_KEY); nothing was changed", List.of());
        }
        String actual = sha256(sealed);
        if (!actual.equalsIgnoreCase(String.valueOf(sha256))) {
            return TaskResult.failed(TaskResult.UPDATE_FAILED, "the downloaded package's SHA-256 is " + actual + ", the task names " + sha256
                    + "; nothing was changed", List.of());
        }
        // GCM releases nothing before it has checked the whole package, so the package is opened in
        // memory; refuse one this agent's heap cannot hold rather than die of it.
        long size = Files.size(sealed);
        if (size * 2 > Runtime.getRuntime().maxMemory()) {
            return TaskResult.failed(TaskResult.UPDATE_FAILED, "the package has " + size + " bytes, more than this agent's heap ("
                    + Runtime.getRuntime().maxMemory() + " bytes, -Xmx) can open; nothing was changed", List.of());
        }
        Path versions = dataDir.resolve("versions");
        Path incoming = versions.resolve(".incoming-" + version);
        Path release = versions.resolve(version);
        deleteTree(incoming); // what an attempt that died left
        deleteTree(release); // never current (checked above), so only a half-done earlier attempt
        try {
            SealedPackage.unpack(updateKey, sealed, incoming, maxUnpackedBytes);
            String manifestVersion = manifestVersion(incoming);
            if (!version.equals(manifestVersion)) {
                throw new SealedPackage.RefusedException("the package's manifest says version " + manifestVersion + ", the task " + version);
            }
        } catch (SealedPackage.RefusedException e) {
            deleteTree(incoming);
            return TaskResult.failed(TaskResult.UPDATE_FAILED, e.getMessage() + "; nothing was changed", List.of());
        }
        Files.move(incoming, release, StandardCopyOption.ATOMIC_MOVE);

        Check check = runCheck(release, version, previous);
        if (!check.passed()) {
            deleteTree(release);
            return TaskResult.failed(TaskResult.SCRIPT_FAILED, "the package's check.sh " + check.outcome() + "; staying on " + describe(previous),
                    check.lines());
        }
        point(version);
        try {
            String restarted = storage.restart();
            prune(version, previous);
            return TaskResult.success("installed " + version + " (was " + describe(previous) + "); " + restarted);
        } catch (IOException e) {
            List<String> storageLog = tail(dataDir.resolve("storage.log"));
            point(previous);
            String back;
            try {
                back = "rolled back to " + describe(previous) + ": " + storage.restart();
            } catch (IOException again) {
                back = "rolled back to " + describe(previous) + ", whose storage process did not come up either: " + again.getMessage();
            }
            deleteTree(release);
            return TaskResult.failed(TaskResult.UPDATE_FAILED, "version " + version + " did not start (" + e.getMessage() + "); " + back, storageLog);
        }
    }

    private static String describe(String version) {
        return version == null ? "no release (none installed before)" : version;
    }

    private String manifestVersion(Path release) throws IOException, SealedPackage.RefusedException {
        JsonNode manifest;
        try {
            manifest = json.readTree(release.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new SealedPackage.RefusedException("the package's manifest.json is not JSON");
        }
        JsonNode version = manifest == null ? null : manifest.get("version");
        return version == null ? null : version.asText();
    }

    private record Check(boolean passed, String outcome, List<String> lines) {
    }

    /** Runs {@code check.sh} of the unpacked release, if it has one, with a timeout; keeps its last lines. */
    private Check runCheck(Path release, String version, String previous) throws IOException, InterruptedException {
        Path script = release.resolve("check.sh");
        if (!Files.isRegularFile(script, LinkOption.NOFOLLOW_LINKS)) {
            return new Check(true, "absent", List.of());
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "check.sh").directory(release.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("STEWARD_AGENT_DATA", dataDir.toString());
        env.put("STEWARD_NEW_VERSION", version);
        env.put("STEWARD_PREVIOUS_VERSION", previous == null ? "" : previous);
        Process process = builder.start();
        Deque<String> lines = new ArrayDeque<>();
        Thread reader = new Thread(() -> keepTail(process.getInputStream(), lines), "agent-check-output");
        reader.setDaemon(true);
        reader.start();
        boolean ended = process.waitFor(checkTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(2000);
        List<String> output;
        synchronized (lines) {
            output = List.copyOf(lines);
        }
        if (!ended) {
            return new Check(false, "did not finish within " + checkTimeout.toSeconds() + " s", output);
        }
        return process.exitValue() == 0 ? new Check(true, "passed", output)
                : new Check(false, "failed with exit code " + process.exitValue(), output);
    }

    private static void keepTail(InputStream in, Deque<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
                    if (lines.size() > LOG_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the check ended
        }
    }

    static List<String> tail(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Deque<String> lines = new ArrayDeque<>();
        try (InputStream in = Files.newInputStream(file)) {
            long skip = Files.size(file) - 64 * 1024;
            if (skip > 0) {
                in.skipNBytes(skip);
            }
            keepTail(in, lines);
        }
        return List.copyOf(lines);
    }

    /** Points {@code current} at {@code version} (or removes it for none) with one rename. */
    private void point(String version) throws IOException {
        Path current = dataDir.resolve("current");
        if (version == null) {
            Files.deleteIfExists(current);
            return;
        }
        Path next = dataDir.resolve("current.next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, Path.of("versions", version));
        Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Keeps the new release and the one before it (what a rollback would need); removes older ones. */
    private void prune(String version, String previous) throws IOException {
        try (Stream<Path> releases = Files.list(dataDir.resolve("versions"))) {
            for (Path release : releases.toList()) {
                String name = release.getFileName().toString();
                if (!name.equals(version) && !name.equals(previous)) {
                    deleteTree(release);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
