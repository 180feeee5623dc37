package dev.steward.jobs;

import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalJwtKeys;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.TestInfrastructure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * jobs-service as a real process (the built jar) on a database of its own, for tests that kill it or
 * the broker under it. Nothing inside it is replaced.
 */
public final class JobsServiceProcess implements AutoCloseable {

    /** The gateway's internal JWT keys, as far as this process is concerned: it gets the public one. */
    private static final KeyPair INTERNAL_JWT_KEYS = InternalJwtKeys.generate();

    private final TestInfrastructure infra = TestInfrastructure.get();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaAccess kafka;
    private final byte[] updateKey;
    private final Path logFile;
    private final String databaseUrl;
    private final int port;
    private Process process;

    /** @param updateKey the key update packages are sealed with */
    public JobsServiceProcess(String name, KafkaAccess kafka, byte[] updateKey) throws IOException {
        this.kafka = kafka;
        this.updateKey = updateKey.clone();
        this.logFile = Path.of("target", "e2e-logs", "jobs-" + name + ".log");
        this.databaseUrl = infra.createDatabase("jobs_" + name.replace('-', '_'));
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Files.createDirectories(logFile.getParent());
    }

    /** Starts the jar and waits until it is ready. */
    public void start() throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches("jobs-service-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jobs-service-*-all.jar in target: run ./mvnw verify"));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        builder.environment().put("JOBS_PORT", String.valueOf(port));
        builder.environment().put("DATASOURCES_DEFAULT_URL", databaseUrl);
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", infra.user());
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", infra.password());
        builder.environment().putAll(kafka.processEnvironment("jobs"));
        builder.environment().put("STEWARD_INTERNAL_JWT_PUBLIC_KEY", InternalJwtKeys.encode(INTERNAL_JWT_KEYS.getPublic()));
        builder.environment().put("STEWARD_UPDATE_KEY", Base64.getEncoder().encodeToString(updateKey));
        builder.environment().put("STEWARD_JOBS_LEASE", "3s");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("jobs-service exited during start-up; see " + logFile.toAbsolutePath());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url("/health/readiness"))).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("jobs-service not ready in 120 s; see " + logFile.toAbsolutePath());
    }

    /** SIGKILL: no shutdown hook, no chance to tidy up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Path logFile() {
        return logFile;
    }

    private String adminToken() {
        return new InternalTokenIssuer((ECPrivateKey) INTERNAL_JWT_KEYS.getPrivate(), Duration.ofSeconds(60)).issue("token:process-test", dev.steward.common.security.Role.ADMIN,
                List.of("*"), "jidoteki-token", "192.0.2.50");
    }

    /** Jidoteki POST /update with the package as the multipart part "update". */
    public HttpResponse<String> postUpdate(byte[] update) throws Exception {
        String boundary = "process-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"update\"; filename=\"update.enc\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + update.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(update, 0, body, head.length, update.length);
        System.arraycopy(tail, 0, body, head.length + update.length, tail.length);
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/admin/update")))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first column of the first row, straight from the service's database. */
    public String query(String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, infra.user(), infra.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
