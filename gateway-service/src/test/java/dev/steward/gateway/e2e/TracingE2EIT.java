package dev.steward.gateway.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace from the client to every consumer: a signed mutation sent with a W3C traceparent is a
 * gateway span under the client's, the owning service's span under the gateway's, and each consuming
 * service's span under the owning service's (carried by the event's traceparent); every problem+json
 * answer names its trace.
 */
class TracingE2EIT extends AbstractStackE2E {

    private OtlpReceiver receiver;

    @Override
    protected StewardStack startStack() throws Exception {
        receiver = new OtlpReceiver();
        return StewardStack.start(1, 1, Map.of(), Map.of("STEWARD_TRACING_OTLP_ENDPOINT", receiver.endpoint()));
    }

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1; // never all zeros, which W3C forbids
        return HexFormat.of().formatHex(id);
    }

    private HttpResponse<String> traced(String method, String path, String bearer, String body, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url("gateway") + path)).timeout(Duration.ofSeconds(30))
                .header("traceparent", traceparent)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first span of the trace that matches, waiting up to 30 s for the exporters' batches. */
    private OtlpReceiver.ReceivedSpan awaitSpan(String traceId, String what, Predicate<OtlpReceiver.ReceivedSpan> wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<OtlpReceiver.ReceivedSpan> found = receiver.trace(traceId).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " in trace " + traceId + "; it has " + receiver.trace(traceId));
    }

    @Test
    void aSignedMutationIsOneTraceFromTheClientToEachConsumer() throws Exception {
        String traceId = randomHex(16);
        String clientSpan = randomHex(8);
        String alias = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = traced("POST", "/v0/bucket", stack.adminToken(), "{\"globalAlias\":\"" + alias + "\"}",
                "00-" + traceId + "-" + clientSpan + "-01");
        assertEquals(200, created.statusCode(), created.body());

        OtlpReceiver.ReceivedSpan gateway = awaitSpan(traceId, "gateway span", span -> span.service().equals("gateway-service"));
        assertEquals(clientSpan, gateway.parentSpanId(), "the gateway's span is the client's child");
        assertEquals("SPAN_KIND_SERVER", gateway.kind());
        assertEquals("POST /v0", gateway.name(), "named by the gateway's route");

        OtlpReceiver.ReceivedSpan cluster = awaitSpan(traceId, "cluster-service span", span -> span.service().equals("cluster-service")
                && span.kind().equals("SPAN_KIND_SERVER"));
        assertEquals(gateway.spanId(), cluster.parentSpanId(), "the owning service's span is the gateway's child");

        for (String consumer : List.of("identity-service.cluster-buckets", "identity-service.audit")) {
            OtlpReceiver.ReceivedSpan consumed = awaitSpan(traceId, consumer + " span",
                    span -> span.kind().equals("SPAN_KIND_CONSUMER") && span.name().startsWith(consumer + " "));
            assertEquals("identity-service", consumed.service());
            assertEquals(cluster.spanId(), consumed.parentSpanId(), consumer + " consumed the event the cluster request appended");
            assertTrue(consumed.name().endsWith("BucketCreated.v1"), consumed.name());
        }
    }

    @Test
    void everyProblemNamesItsTrace() throws Exception {
        String traceId = randomHex(16);
        String parent = "00-" + traceId + "-" + randomHex(8) + "-01";

        HttpResponse<String> missing = traced("GET", "/v0/bucket?id=" + "0".repeat(64), stack.adminToken(), null, parent);
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals(traceId, object(missing).get("traceId"), "a service's problem: " + missing.body());

        HttpResponse<String> refused = traced("GET", "/v0/status", "not-a-token", null, parent);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(traceId, object(refused).get("traceId"), "the gateway's own refusal: " + refused.body());

        HttpResponse<String> untraced = exchange("GET", stack.url("gateway") + "/v0/status", "not-a-token", null, null);
        String fresh = (String) object(untraced).get("traceId");
        assertTrue(fresh != null && fresh.matches("[0-9a-f]{32}"), "a caller without a traceparent starts a trace: " + untraced.body());
        assertNotEquals(traceId, fresh);
        awaitSpan(fresh, "the refused request's gateway span", span -> span.service().equals("gateway-service"));
    }

    /** The gateway's access-log line for the request with this trace, waiting up to 5 s for it. */
    private String accessLine(String traceId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        while (true) {
            Optional<String> line = stack.logSinceLaunch("gateway").lines()
                    .filter(text -> text.contains(" steward.access [trace " + traceId + "] - ")).findFirst();
            if (line.isPresent() || Instant.now().isAfter(deadline)) {
                return line.orElseThrow(() -> new AssertionError("no access-log line for trace " + traceId));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void everyAnswerIsOneAccessLogLineNamingWhoAskedAndTheTrace() throws Exception {
        String created = randomHex(16);
        String alias = "logged-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, traced("POST", "/v0/bucket", stack.adminToken(), "{\"globalAlias\":\"" + alias + "\"}",
                "00-" + created + "-" + randomHex(8) + "-01").statusCode());
        assertTrue(accessLine(created).matches(".* - POST /v0/bucket 200 forwarded route=/v0 scheme=garage-bearer "
                + "principal=token:bootstrap-admin client=127\\.0\\.0\\.1 \\d+\\.\\d ms"), accessLine(created));

        String name = "logged-auditor-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> auditor = call("POST", "/steward/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"auditor\"}");
        assertEquals(201, auditor.statusCode(), auditor.body());
        String refused = randomHex(16);
        assertEquals(403, traced("POST", "/v0/bucket", (String) object(auditor).get("token"), "{\"globalAlias\":\"no\"}",
                "00-" + refused + "-" + randomHex(8) + "-01").statusCode());
        assertTrue(accessLine(refused).contains(" - POST /v0/bucket 403 refused route=/v0 scheme=garage-bearer principal=token:" + name + " "),
                "a verified caller refused for its role is named: " + accessLine(refused));

        String unverified = randomHex(16);
        assertEquals(403, traced("GET", "/v0/status", "not-a-token", null, "00-" + unverified + "-" + randomHex(8) + "-01").statusCode());
        assertTrue(accessLine(unverified).contains(" - GET /v0/status 403 refused route=/v0 scheme=garage-bearer principal=- "),
                accessLine(unverified));
    }
}
