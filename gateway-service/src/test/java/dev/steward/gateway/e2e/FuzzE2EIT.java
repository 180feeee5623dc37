package dev.steward.gateway.e2e;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every operation of the OpenAPI document and sends it bad input through the gateway as an
 * administrator (so it reaches the owning service): wrong types, huge strings, deep nesting,
 * invalid JSON and UTF-8, wrong content types, negative and overflowing numbers, odd path values.
 * Nothing may answer 5xx, every refusal is problem+json, and every service is healthy afterwards.
 */
class FuzzE2EIT extends AbstractStackE2E {

    /** Paths whose GET starts work that the fuzz must not wait on (a reboot, a bundle of every service's logs). */
    private static final Set<String> SKIPPED = Set.of("/api/v1/admin/reboot", "/api/v1/admin/logs", "/api/v1/admin/debug");
    private static final Random RANDOM = new Random(15);

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(1, Map.of("STEWARD_GATEWAY_RATE_LIMIT_PER_CREDENTIAL_BURST", "100000",
                "STEWARD_GATEWAY_RATE_LIMIT_PER_CLIENT_BURST", "100000"));
    }

    record Case(String method, String path, String contentType, byte[] body, String what) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations() throws Exception {
        try (InputStream in = FuzzE2EIT.class.getClassLoader().getResourceAsStream("openapi/steward.yaml")) {
            Map<String, Object> document = new Yaml().load(in);
            return new TreeMap<>((Map<String, Map<String, Object>>) document.get("paths"));
        }
    }

    private static final List<String> ODD_VALUES = List.of("-1", "99999999999999999999999", "%00", "%FF%FE", "..%2F..%2Fetc",
            "x".repeat(3000), "null", "[]", "%7B%7D", "0x10", "1e309", "%20");

    private static final List<String> BODIES = List.of(
            "{", "[", "\"", "nul", "{\"a\":}", "{\"name\":12}", "{\"name\":{\"x\":[1,2]}}", "[1,2,3]", "12", "true", "null",
            "{\"globalAlias\":-1,\"name\":false,\"id\":[],\"version\":\"x\",\"capacity\":-99999999999999999999}",
            "{\"version\":9223372036854775808,\"capacity\":1e400,\"replica\":-2147483649}",
            "{\"name\":\"" + "y".repeat(200_000) + "\"}",
            "[".repeat(20_000) + "]".repeat(20_000),
            "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
            "{\"name\":\"\\ud800\"}", "{\"localAlias\":{\"accessKeyId\":null,\"alias\":[]},\"allow\":\"yes\"}");

    private static String fill(String template) {
        return template.replaceAll("\\{[^}]+}", ODD_VALUES.get(RANDOM.nextInt(ODD_VALUES.size())));
    }

    private static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> path : operations().entrySet()) {
            if (SKIPPED.contains(path.getKey()) || path.getKey().startsWith("/gateway/")) {
                continue;
            }
            for (String method : List.of("get", "post", "put", "delete", "patch")) {
                if (!path.getValue().containsKey(method)) {
                    continue;
                }
                String verb = method.toUpperCase();
                for (String value : ODD_VALUES) {
                    cases.add(new Case(verb, path.getKey().replaceAll("\\{[^}]+}", value) + "?id=" + value + "&limit=" + value
                            + "&globalAlias=" + value, null, null, "odd path and query " + value));
                }
                if (verb.equals("GET") || verb.equals("DELETE")) {
                    continue;
                }
                for (String body : BODIES) {
                    cases.add(new Case(verb, fill(path.getKey()), "application/json", body.getBytes(StandardCharsets.UTF_8),
                            "body " + body.substring(0, Math.min(40, body.length()))));
                }
                cases.add(new Case(verb, fill(path.getKey()), "application/json", new byte[]{'{', '"', 'n', '"', ':', '"', (byte) 0xC3,
                        (byte) 0x28, (byte) 0xFF, '"', '}'}, "invalid UTF-8"));
                cases.add(new Case(verb, fill(path.getKey()), "text/xml", "<a/>".getBytes(StandardCharsets.UTF_8), "wrong content type"));
                cases.add(new Case(verb, fill(path.getKey()), "multipart/form-data; boundary=x", "--x\r\nnot a part\r\n--x--"
                        .getBytes(StandardCharsets.UTF_8), "broken multipart"));
                cases.add(new Case(verb, fill(path.getKey()), "application/x-www-form-urlencoded", "a=%ZZ&&=".getBytes(StandardCharsets.UTF_8),
                        "broken form"));
            }
        }
        return cases;
    }

    private HttpResponse<String> send(Case fuzz) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url("gateway") + fuzz.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.adminToken())
                .method(fuzz.method(), fuzz.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        if (fuzz.contentType() != null) {
            request.header("Content-Type", fuzz.contentType());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badInputOnEveryRouteIsAClearRefusalNeverAServerError() throws Exception {
        List<Case> cases = cases();
        Map<String, Integer> perService = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Case fuzz : cases) {
            HttpResponse<String> response;
            try {
                response = send(fuzz);
            } catch (IllegalArgumentException e) {
                continue; // the JDK client itself refuses to send it (an invalid URI): nothing reached the gateway
            } catch (java.io.IOException e) {
                failures.add("no answer: " + fuzz.method() + " " + abbreviate(fuzz.path()) + " (" + fuzz.what() + "): " + e.getMessage());
                continue;
            }
            perService.merge(serviceOf(fuzz.path()), 1, Integer::sum);
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status == 503 && fuzz.method().equals("GET") && (fuzz.path().startsWith("/health?") || fuzz.path().startsWith("/v0/health?"))) {
                continue; // health answers 503 while the cluster is unhealthy, as its references do (no nodes here)
            }
            if (status >= 500) {
                failures.add(status + " " + fuzz.method() + " " + abbreviate(fuzz.path()) + " (" + fuzz.what() + "): " + abbreviate(response.body()));
            } else if (status >= 400 && !type.startsWith("application/problem+json") && !type.startsWith("application/json")) {
                failures.add("not JSON: " + status + " " + type + " " + fuzz.method() + " " + abbreviate(fuzz.path()) + " (" + fuzz.what() + ")");
            }
        }
        assertTrue(cases.size() > 1000, cases.size() + " cases");
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases failed; by area: " + perService);
        for (String service : List.of("identity", "cluster", "jobs")) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(stack.url(service) + "/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), service + " is healthy afterwards: " + health.body());
        }
    }

    private static String serviceOf(String path) {
        String[] segments = path.split("/");
        return segments.length > 2 ? segments[1] + "/" + segments[2] : path;
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
