package dev.steward.gateway.e2e;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What every e2e class shares: one real stack per class (processes from the built jars, see
 * {@link StewardStack}), a plain JDK HTTP client as the references' clients would use, JSON reading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStackE2E {

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected final JsonMapper json = JsonMapper.createDefault();
    protected StewardStack stack;

    /** The stack this class runs against: one gateway, unless a class needs more. */
    protected StewardStack startStack() throws Exception {
        return StewardStack.start();
    }

    @BeforeAll
    final void startTheStack() throws Exception {
        stack = startStack();
    }

    @AfterAll
    final void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A request as a reference client sends it: an optional bearer credential and body. */
    protected HttpResponse<String> exchange(String method, String url, String bearer, String body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request through the first gateway as the admin, with a JSON body if any. */
    protected HttpResponse<String> call(String method, String path, String body) throws Exception {
        return exchange(method, stack.url("gateway") + path, stack.adminToken(), body, body == null ? null : "application/json");
    }

    /** A JSON POST through the first gateway as the admin, with an {@code Idempotency-Key}: how a client makes a write safe to retry. */
    protected HttpResponse<String> keyedPost(String path, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("gateway") + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + stack.adminToken()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A node id as an agent's would be (64 hex characters), for layouts staged without agents. */
    protected static String randomNodeId() {
        byte[] id = new byte[32];
        new java.security.SecureRandom().nextBytes(id);
        return java.util.HexFormat.of().formatHex(id);
    }

    protected Map<?, ?> object(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Map.class);
    }
}
