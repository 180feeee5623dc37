package dev.steward.agent.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches a sealed update package from Steward's gateway with the agent's credential, streamed to a
 * file and bounded in size. Only paths under {@code /steward/v1/update-packages/} on the configured
 * gateway are fetched: a task cannot make the agent call anywhere else.
 */
public final class PackageDownload {

    static final String PREFIX = "/steward/v1/update-packages/";

    private final URI gateway;
    private final String token;
    private final long maxBytes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public PackageDownload(URI gateway, String token, long maxBytes) {
        this.gateway = gateway;
        this.token = token;
        this.maxBytes = maxBytes;
    }

    /** A download that did not give the package; the message says why. */
    public static final class FailedException extends Exception {
        FailedException(String message) {
            super(message);
        }
    }

    public void fetch(String path, Path target) throws IOException, InterruptedException, FailedException {
        if (gateway == null || token == null) {
            throw new FailedException("this agent has no STEWARD_AGENT_GATEWAY and STEWARD_AGENT_TOKEN to download update packages with");
        }
        if (path == null || !path.startsWith(PREFIX) || !path.substring(PREFIX.length()).matches("[0-9a-fA-F-]{36}")) {
            throw new FailedException("the task's package is not a Steward update package path: " + path);
        }
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FailedException("could not reach " + gateway + " for the package: " + e.getMessage());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String problem = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
                throw new FailedException("downloading " + path + " answered " + response.statusCode() + ": " + problem);
            }
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                long copied = 0;
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    copied += read;
                    if (copied > maxBytes) {
                        throw new FailedException("the package is larger than this agent's limit of " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, read);
                }
            }
        }
    }
}
