package dev.steward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cli.config.Profile;
import dev.steward.cli.sign.Query;
import dev.steward.cli.sign.RequestSigner;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

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
        URI base = profile.url();
        String fullPath = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "")) + path;
        RequestSigner.Signature signature = signer.sign(new RequestSigner.Request(method, base.getRawAuthority(), fullPath, query, body));
        Query sent = query.and(signature.query());
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + fullPath + (sent.isEmpty() ? "" : "?" + sent.encoded()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json, application/problem+json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        signature.headers().forEach(request::header);
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiException(0, "cannot connect to " + base + " (profile " + profile.name() + ")");
        } catch (IOException e) {
            throw new ApiException(0, "request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        ApiResponse response = new ApiResponse(answer.statusCode(), parse(answer), answer.body(), answer.headers().firstValue("Location"));
        if (!response.ok()) {
            throw ApiException.of(response);
        }
        return response;
    }

    private JsonNode parse(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (answer.body() == null || answer.body().isBlank() || !type.contains("json")) {
            return null;
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }
}
