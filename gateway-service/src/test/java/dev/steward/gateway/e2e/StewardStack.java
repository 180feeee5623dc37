package dev.steward.gateway.e2e;

import dev.steward.common.security.InternalJwtKeys;
import dev.steward.testing.TestInfrastructure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The services started from their built jars as separate processes, against the shared real
 * PostgreSQL (one fresh database per service) and Kafka: the shape of scripts/stack.sh, with as
 * many gateway instances as asked for ("gateway", "gateway-2", ...).
 */
final class StewardStack implements AutoCloseable {

    /** The gateways sign internal JWTs with the private key; the services get only the public one. */
    static final KeyPair INTERNAL_JWT_KEYS = InternalJwtKeys.generate();
    static final String KEK = java.util.Base64.getEncoder().encodeToString(
            randomKey());
    /** The key jobs-service seals backups with, so that a test can seal an archive it changed, as another installation with the key would. */
    static final String BACKUP_KEY = java.util.Base64.getEncoder().encodeToString(randomKey());
    private static final List<String> BACKENDS = List.of("identity", "cluster", "jobs");

    final String metricsToken = "e2e-metrics-" + UUID.randomUUID();
    final Map<String, String> databases = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Path moduleDir = Path.of("").toAbsolutePath();
    private final Path logDir;
    private String adminToken = "e2e-admin-" + UUID.randomUUID();

    /** Where each instance's log stood when it was last launched (logs are appended across runs). */
    private final Map<String, Long> logStart = new java.util.concurrent.ConcurrentHashMap<>();

    private StewardStack(Path logDir) {
        this.logDir = logDir;
    }

    static StewardStack start() throws Exception {
        return start(1, Map.of());
    }

    /** @param gatewayEnv extra environment for every gateway instance */
    static StewardStack start(int gateways, Map<String, String> gatewayEnv) throws Exception {
        return start(gateways, 1, gatewayEnv);
    }

    /**
     * @param replicas instances of each backend service ("cluster", "cluster-2", ...), sharing the
     *                 service's database and consumer groups; every gateway is given all of them
     */
    static StewardStack start(int gateways, int replicas, Map<String, String> gatewayEnv) throws Exception {
        return start(gateways, replicas, gatewayEnv, Map.of());
    }

    /** @param everyEnv extra environment for every instance of every service, the gateways included */
    static StewardStack start(int gateways, int replicas, Map<String, String> gatewayEnv, Map<String, String> everyEnv) throws Exception {
        StewardStack stack = new StewardStack(Files.createDirectories(Path.of("").toAbsolutePath().resolve("target/e2e-logs")));
        TestInfrastructure infra = TestInfrastructure.get();
        for (String service : BACKENDS) {
            stack.databases.put(service, infra.createDatabase("e2e_" + service));
            Map<String, String> env = new LinkedHashMap<>(everyEnv);
            env.put("DATASOURCES_DEFAULT_URL", stack.databases.get(service));
            env.put("DATASOURCES_DEFAULT_USERNAME", infra.user());
            env.put("DATASOURCES_DEFAULT_PASSWORD", infra.password());
            if (service.equals("jobs")) {
                env.put("STEWARD_BACKUP_KEY", BACKUP_KEY);
            }
            if (service.equals("identity")) {
                env.put("STEWARD_ADMIN_TOKEN", stack.adminToken);
                env.put("STEWARD_METRICS_TOKEN", stack.metricsToken);
            }
            for (int r = 1; r <= replicas; r++) {
                String instance = r == 1 ? service : service + "-" + r;
                stack.environments.put(instance, env);
                stack.ports.put(instance, freePort());
            }
        }
        for (int i = 1; i <= gateways; i++) {
            String instance = i == 1 ? "gateway" : "gateway-" + i;
            Map<String, String> env = new LinkedHashMap<>(everyEnv);
            env.putAll(gatewayEnv);
            // Every test client is 127.0.0.1, and the refusal tests fail credentials on purpose, many
            // times: the failed-credential pause (OverloadE2EIT tests it) would refuse what they test.
            env.putIfAbsent("STEWARD_GATEWAY_RATE_LIMIT_FAILED_PER_CLIENT_BURST", "100000");
            env.put("IDENTITY_URL", stack.urls("identity", replicas));
            env.put("CLUSTER_URL", stack.urls("cluster", replicas));
            env.put("JOBS_URL", stack.urls("jobs", replicas));
            env.put("GATEWAY_TLS_PORT", String.valueOf(freePort()));
            stack.environments.put(instance, env);
            stack.ports.put(instance, freePort());
        }
        try {
            for (String instance : stack.environments.keySet()) {
                stack.launch(instance);
            }
            for (String instance : stack.environments.keySet()) {
                stack.awaitReady(instance);
            }
        } catch (Exception | Error e) {
            // No caller will close a stack that failed to start: stop what did start, or it outlives the test run.
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Every replica of {@code service}, comma-separated, as steward.gateway.services.<service>.url takes them. */
    private String urls(String service, int replicas) {
        List<String> urls = new java.util.ArrayList<>();
        for (int r = 1; r <= replicas; r++) {
            urls.add(url(r == 1 ? service : service + "-" + r));
        }
        return String.join(",", urls);
    }

    String url(String instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    /** A gateway's HTTPS listener. */
    String tlsUrl(String instance) {
        return "https://127.0.0.1:" + environments.get(instance).get("GATEWAY_TLS_PORT");
    }

    String adminToken() {
        return adminToken;
    }

    /** Stops one instance (SIGTERM), e.g. to start a gateway while identity-service is down. */
    void stopInstance(String instance) {
        stop(instance);
    }

    /** Starts a stopped instance again with its environment, waiting until it is ready. */
    void startInstance(String instance) throws Exception {
        launch(instance);
        awaitReady(instance);
    }

    /** Kills an instance at once (SIGKILL): no shutdown hook, connections dropped mid-request, as a crashed host. */
    void kill(String instance) throws Exception {
        Process process = processes.remove(instance);
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(instance + " survived SIGKILL");
        }
    }

    /** Freezes an instance (SIGSTOP): it holds its connections and state but answers nothing, like a partitioned host. */
    void pause(String instance) throws Exception {
        signal(instance, "-STOP");
    }

    void resume(String instance) throws Exception {
        signal(instance, "-CONT");
    }

    private void signal(String instance, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(processes.get(instance).pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + instance + " failed");
        }
    }

    /** Restarts identity-service with a new bootstrap admin token, which rotates it at start-up. */
    void restartIdentityWithAdminToken(String newToken) throws Exception {
        stop("identity");
        environments.get("identity").put("STEWARD_ADMIN_TOKEN", newToken);
        adminToken = newToken;
        launch("identity");
        awaitReady("identity");
    }

    private static String serviceOf(String instance) {
        int dash = instance.indexOf('-');
        return dash < 0 ? instance : instance.substring(0, dash);
    }

    private void launch(String instance) throws IOException {
        String service = serviceOf(instance);
        Path jar = findJar(moduleDir.getParent().resolve(service + "-service/target"), service);
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        builder.environment().putAll(environments.get(instance));
        builder.environment().put(service.toUpperCase() + "_PORT", String.valueOf(ports.get(instance)));
        if (service.equals("gateway")) {
            builder.environment().put("STEWARD_INTERNAL_JWT_PRIVATE_KEY", InternalJwtKeys.encode(INTERNAL_JWT_KEYS.getPrivate()));
        } else {
            builder.environment().put("STEWARD_INTERNAL_JWT_PUBLIC_KEY", InternalJwtKeys.encode(INTERNAL_JWT_KEYS.getPublic()));
        }
        builder.environment().put("STEWARD_KEK", KEK);
        builder.environment().putAll(TestInfrastructure.get().kafka().processEnvironment(service));
        builder.redirectErrorStream(true);
        Path log = logDir.resolve(instance + ".log");
        logStart.put(instance, Files.exists(log) ? Files.size(log) : 0L);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        processes.put(instance, builder.start());
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

    private void awaitReady(String instance) throws Exception {
        String healthUrl = url(instance) + (serviceOf(instance).equals("gateway") ? "/gateway/health/liveness" : "/health/readiness");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Process process = processes.get(instance);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instance + " exited during start-up:\n" + logTail(instance));
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
            Thread.sleep(100);
        }
        throw new IllegalStateException(instance + " not ready within 120 s:\n" + logTail(instance));
    }

    /** What the instance has logged since it was last launched. */
    String logSinceLaunch(String instance) {
        try {
            byte[] all = Files.readAllBytes(logDir.resolve(instance + ".log"));
            int from = (int) Math.min(all.length, logStart.getOrDefault(instance, 0L));
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String logTail(String instance) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve(instance + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private static final java.util.Set<Integer> ASSIGNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port below the kernel's ephemeral range (where ServerSocket(0) would pick one), so the
     * services' own outgoing connections cannot take it before the service binds it.
     */
    private static int freePort() throws IOException {
        int ephemeralLow = 32768;
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            // Not Files.readString: /proc files report size 0 and a sized read returns one byte.
            try (var in = Files.newInputStream(range)) {
                ephemeralLow = Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
            }
        }
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + random.nextInt(Math.max(1, ephemeralLow - 20000));
            if (!ASSIGNED.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port below " + ephemeralLow);
    }

    private void stop(String instance) {
        Process process = processes.remove(instance);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        List.copyOf(processes.keySet()).forEach(this::stop);
    }
}
