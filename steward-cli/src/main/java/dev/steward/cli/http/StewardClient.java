package dev.steward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cli.config.Profile;
import dev.steward.cli.sign.Query;
import dev.steward.cli.sign.RequestSigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Sends signed requests to one profile's gateway; an answer outside 2xx becomes an {@link ApiException}. */
public class StewardClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Profile profile;
    private final RequestSigner signer;
    private final HttpClient http;
    private final ObjectMapper json;

    public StewardClient(Profile profile, ObjectMapper json) {
        this(profile, RequestSigner.of(profile, Clock.systemUTC()), json);
    }

    StewardClient(Profile profile, RequestSigner signer, ObjectMapper json) {
        this.profile = profile;
        this.signer = signer;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(String path, Query query) {
        return send("GET", path, query, null, null).json();
    }

    public JsonNode postJson(String path, Query query, Object body) {
        return send("POST", path, query, body == null ? null : bytes(body), "application/json").json();
    }

    public JsonNode putJson(String path, Query query, Object body) {
        return send("PUT", path, query, body == null ? null : bytes(body), "application/json").json();
    }

    public ApiResponse postForm(String path, Map<String, String> form) {
        String encoded = String.join("&", form.entrySet().stream().map(e -> Query.encode(e.getKey()) + "=" + Query.encode(e.getValue())).toList());
        return send("POST", path, Query.empty(), encoded.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /** Uploads {@code file} as the multipart field {@code field}, waiting up to {@code timeout} for the answer. */
    public ApiResponse postFile(String path, String field, Path file, Duration timeout) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Multipart multipart = Multipart.file(field, file.getFileName().toString(), content);
        return send("POST", path, Query.empty(), multipart.body(), multipart.contentType(), timeout);
    }

    /**
     * Writes a GET's body to {@code target} (through a temporary file beside it, so a failed download leaves no
     * partial file); a refusal is an {@link ApiException} as for any request.
     *
     * @return the bytes written
     */
    public long download(String path, Query query, Path target) {
        HttpResponse<InputStream> answer = exchange("GET", path, query, null, null, TIMEOUT, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() < 200 || answer.statusCode() >= 300) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                throw ApiException.of(new ApiResponse(answer.statusCode(), parse(answer.headers().firstValue("Content-Type").orElse(""), text),
                        text, Optional.empty()));
            }
            Path absolute = target.toAbsolutePath();
            Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
            try {
                long written = Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return written;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new ApiException(0, "download of " + path + " failed: " + e.getMessage());
        }
    }

    public ApiResponse delete(String path, Query query) {
        return send("DELETE", path, query, null, null);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body: " + e.getMessage(), e);
        }
    }

    /** Signs and sends; the body is signed exactly as sent. */
    public ApiResponse send(String method, String path, Query query, byte[] body, String contentType) {
        return send(method, path, query, body, contentType, TIMEOUT);
    }

    public ApiResponse send(String method, String path, Query query, byte[] body, String contentType, Duration timeout) {
        HttpResponse<String> answer = exchange(method, path, query, body, contentType, timeout, HttpResponse.BodyHandlers.ofString());
        ApiResponse response = new ApiResponse(answer.statusCode(), parse(answer), answer.body(), answer.headers().firstValue("Location"));
        if (!response.ok()) {
            throw ApiException.of(response);
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(String method, String path, Query query, byte[] body, String contentType, Duration timeout,
                                         HttpResponse.BodyHandler<T> handler) {
        URI base = profile.url();
        String fullPath = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "")) + path;
        RequestSigner.Signature signature = signer.sign(new RequestSigner.Request(method, base.getRawAuthority(), fullPath, query, body));
        Query sent = query.and(signature.query());
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + fullPath + (sent.isEmpty() ? "" : "?" + sent.encoded()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json, application/problem+json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        signature.headers().forEach(request::header);
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new ApiException(0, "cannot connect to " + base + " (profile " + profile.name() + ")");
        } catch (HttpTimeoutException e) {
            throw new ApiException(0, "no answer from " + base + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new ApiException(0, "request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private JsonNode parse(HttpResponse<String> answer) {
        return parse(answer.headers().firstValue("Content-Type").orElse(""), answer.body());
    }

    private JsonNode parse(String type, String body) {
        if (body == null || body.isBlank() || !type.contains("json")) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
