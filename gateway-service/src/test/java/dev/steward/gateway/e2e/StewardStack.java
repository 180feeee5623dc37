package dev.steward.gateway.e2e;

import dev.steward.testing.TestInfrastructure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The four services started from their built jars as separate processes, against the shared real
 * PostgreSQL (one fresh database per service) and Kafka: the same shape as scripts/stack.sh.
 */
final class StewardStack implements AutoCloseable {

    static final String INTERNAL_SECRET = "e2e-internal-secret-" + UUID.randomUUID();

    final String adminToken = "e2e-admin-" + UUID.randomUUID();
    final String metricsToken = "e2e-metrics-" + UUID.randomUUID();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, String> databases = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final Path logDir;

    private StewardStack(Path logDir) {
        this.logDir = logDir;
    }

    static StewardStack start() throws Exception {
        Path moduleDir = Path.of("").toAbsolutePath();
        StewardStack stack = new StewardStack(Files.createDirectories(moduleDir.resolve("target/e2e-logs")));
        TestInfrastructure infra = TestInfrastructure.get();
        for (String service : List.of("identity", "cluster", "jobs")) {
            stack.databases.put(service, infra.createDatabase("e2e_" + service));
        }
        for (String service : List.of("identity", "cluster", "jobs", "gateway")) {
            stack.ports.put(service, freePort());
        }
        for (String service : List.of("identity", "cluster", "jobs")) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DATASOURCES_DEFAULT_URL", stack.databases.get(service));
            env.put("DATASOURCES_DEFAULT_USERNAME", infra.user());
            env.put("DATASOURCES_DEFAULT_PASSWORD", infra.password());
            if (service.equals("identity")) {
                env.put("STEWARD_ADMIN_TOKEN", stack.adminToken);
                env.put("STEWARD_METRICS_TOKEN", stack.metricsToken);
            }
            stack.launch(moduleDir, service, env);
        }
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        gatewayEnv.put("IDENTITY_URL", stack.url("identity"));
        gatewayEnv.put("CLUSTER_URL", stack.url("cluster"));
        gatewayEnv.put("JOBS_URL", stack.url("jobs"));
        stack.launch(moduleDir, "gateway", gatewayEnv);

        for (String service : List.of("identity", "cluster", "jobs")) {
            stack.awaitReady(service, stack.url(service) + "/health/readiness");
        }
        stack.awaitReady("gateway", stack.url("gateway") + "/gateway/health");
        return stack;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private void launch(Path moduleDir, String service, Map<String, String> env) throws IOException {
        Path jar = findJar(moduleDir.getParent().resolve(service + "-service/target"), service);
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        builder.environment().putAll(env);
        builder.environment().put(service.toUpperCase() + "_PORT", String.valueOf(ports.get(service)));
        builder.environment().put("STEWARD_INTERNAL_JWT_SECRET", INTERNAL_SECRET);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().kafkaBootstrapServers());
        builder.redirectErrorStream(true);
        builder.redirectOutput(logDir.resolve(service + "-service.log").toFile());
        processes.add(builder.start());
    }

    private static Path findJar(Path targetDir, String service) throws IOException {
        if (Files.isDirectory(targetDir)) {
            try (var files = Files.list(targetDir)) {
                var jar = files.filter(file -> file.getFileName().toString().matches(service + "-service-.*-all\\.jar")).findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new IllegalStateException("No built jar for " + service + "-service in " + targetDir
                + ": run the whole build (./mvnw verify) so every service is packaged before this test");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady(String service, String healthUrl) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Process process = processes.get(List.of("identity", "cluster", "jobs", "gateway").indexOf(service));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + "-service exited during start-up:\n" + logTail(service));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(service + "-service not ready within 120 s:\n" + logTail(service));
    }

    String logTail(String service) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve(service + "-service.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

}
