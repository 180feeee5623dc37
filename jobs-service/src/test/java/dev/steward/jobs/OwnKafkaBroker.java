package dev.steward.jobs;

import dev.steward.testing.KafkaAccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker of one test's own, which the test may stop, kill and start again
 * (same port, same data) without disturbing the shared broker. Started by the project's script
 * ({@code scripts/infra.sh kafka-broker}), from the Maven Central jars, on every machine: a
 * container restart would not keep its port, and the broker's address is what clients must keep.
 */
public final class OwnKafkaBroker implements AutoCloseable {

    private final Path script;
    private final Path directory;
    private final Path log;
    private KafkaAccess kafka;

    public OwnKafkaBroker(Path directory) {
        this.script = findScript();
        this.directory = directory.toAbsolutePath();
        this.log = Path.of("target", "e2e-logs", directory.getFileName() + "-script.log").toAbsolutePath();
    }

    /** Starts the broker (configuring it on first use) and returns how to reach it. */
    public KafkaAccess start() {
        kafka = KafkaAccess.fromDirectory(run("start").strip(), directory);
        return kafka;
    }

    /** SIGKILL: the broker gets no chance to flush or hand over anything. */
    public void kill() {
        run("kill");
    }

    public KafkaAccess kafka() {
        return kafka;
    }

    @Override
    public void close() {
        run("stop");
    }

    private String run(String action) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "kafka-broker", action, directory.toString());
            builder.environment().put("STEWARD_KAFKA_HEAP", "-Xms128m -Xmx256m");
            builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/infra.sh kafka-broker " + action + " failed; see " + log + " and "
                        + directory.resolve("kafka.log"));
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/infra.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/infra.sh not found above " + Path.of("").toAbsolutePath());
    }
}
