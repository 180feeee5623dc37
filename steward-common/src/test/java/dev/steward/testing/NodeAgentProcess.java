package dev.steward.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real node agent: the node-agent jar started as its own process on 127.0.0.1, beating to the
 * test Kafka. Its node id is what it prints once listening (the id of the key in its data directory,
 * so a restart on the same directory is the same node).
 */
public final class NodeAgentProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("node-agent ([0-9a-f]{64}) listening on \\S+:(\\d+)");

    private final Process process;
    private final String nodeId;
    private final int port;
    private final Path dataDir;

    private NodeAgentProcess(Process process, String nodeId, int port, Path dataDir) {
        this.process = process;
        this.nodeId = nodeId;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** An agent with a new data directory (a new node), beating every second. */
    public static NodeAgentProcess start() throws IOException {
        return start(Files.createTempDirectory("steward-agent-"));
    }

    /** An agent on {@code dataDir}: the node that directory's key is. */
    public static NodeAgentProcess start(Path dataDir) throws IOException {
        return start(dataDir, TestInfrastructure.get().kafka());
    }

    /** As {@link #start(Path)}, on the broker of {@code kafka}. */
    public static NodeAgentProcess start(Path dataDir, KafkaAccess kafka) throws IOException {
        return start(dataDir, kafka, java.util.Map.of());
    }

    /** As {@link #start(Path)}, with more of the agent's environment (AgentConfig), e.g. where it downloads updates. */
    public static NodeAgentProcess start(Path dataDir, java.util.Map<String, String> environment) throws IOException {
        return start(dataDir, TestInfrastructure.get().kafka(), environment);
    }

    private static NodeAgentProcess start(Path dataDir, KafkaAccess kafka, java.util.Map<String, String> environment) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString());
        builder.environment().put("STEWARD_AGENT_DATA", dataDir.toString());
        builder.environment().put("STEWARD_AGENT_BIND", "127.0.0.1");
        builder.environment().put("STEWARD_AGENT_PORT", String.valueOf(port));
        builder.environment().put("STEWARD_AGENT_HEARTBEAT", "1s");
        builder.environment().putAll(kafka.processEnvironment("agent"));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Matcher> listening = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        drain(out, dataDir.resolve("agent.log"));
                        return matcher;
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            throw new IllegalStateException("the node agent exited before listening:\n" + seen);
        });
        try {
            Matcher matcher = listening.get(30, TimeUnit.SECONDS);
            return new NodeAgentProcess(process, matcher.group(1), Integer.parseInt(matcher.group(2)), dataDir);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("node agent on " + dataDir + " did not start: " + e.getMessage(), e);
        }
    }

    /** Keeps reading what the agent prints, so a full pipe never blocks it, into {@code agent.log} of its data directory. */
    private static void drain(BufferedReader out, Path log) {
        Thread drain = new Thread(() -> {
            try (java.io.Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    writer.write(line);
                    writer.write('\n');
                    writer.flush();
                }
            } catch (IOException ignored) {
                // the agent stopped
            }
        }, "agent-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** The shaded node-agent jar of this checkout; the build makes it before any module that tests with agents. */
    static Path jar() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("node-agent/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no node-agent module above " + Path.of("").toAbsolutePath());
        }
        try (Stream<Path> jars = Files.list(dir.resolve("node-agent/target"))) {
            return jars.filter(path -> path.getFileName().toString().matches("node-agent-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no node-agent jar: build it first (./mvnw -pl node-agent package)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no node-agent/target: build it first (./mvnw -pl node-agent package)");
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** What ConnectClusterNodes takes: {@code <node id>@127.0.0.1:<port>}. */
    public String spec() {
        return nodeId + "@127.0.0.1:" + port;
    }

    /** kill -9 of the agent; the storage process it supervised goes too (the test owns what it started). */
    public void kill() throws InterruptedException {
        java.util.List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
