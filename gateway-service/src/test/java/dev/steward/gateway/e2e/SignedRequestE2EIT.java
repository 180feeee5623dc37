package dev.steward.gateway.e2e;

import dev.steward.testing.Eventually;
import dev.steward.testing.NodeAgentProcess;
import dev.steward.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All four services as processes, real PostgreSQL and Kafka, requests through the gateway as a
 * client of the Garage admin API would send them.
 */
class SignedRequestE2EIT extends AbstractStackE2E {

    private HttpResponse<String> send(String method, String url, String bearer, String body) throws Exception {
        return exchange(method, url, bearer, body, "application/json");
    }

    private HttpResponse<String> send(String method, String url, String bearer, String body, String contentType) throws Exception {
        return exchange(method, url, bearer, body, contentType);
    }

    @Test
    void signedStatusRequestReachesClusterService() throws Exception {
        HttpResponse<String> response = send("GET", stack.url("gateway") + "/v0/status", stack.adminToken(), null);

        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> status = object(response);
        assertTrue(status.get("node").toString().matches("[0-9a-f]{64}"), "node id: " + status.get("node"));
        assertEquals("steward:0.1.0", status.get("garage_version"));
        assertTrue(status.get("knownNodes") instanceof Map, "knownNodes is present even when empty: " + response.body());
        Map<?, ?> layout = (Map<?, ?>) status.get("layout");
        assertEquals(0, ((Number) layout.get("version")).intValue());
        assertEquals(Map.of(), layout.get("roles"));
        assertEquals(Map.of(), layout.get("stagedRoleChanges"));
    }

    @Test
    void unsignedAndBadlySignedRequestsAreRefusedAsEachReferenceSays() throws Exception {
        HttpResponse<String> unsigned = send("GET", stack.url("gateway") + "/v0/status", null, null);
        assertEquals(403, unsigned.statusCode(), "Garage answers 403 without a token");
        assertEquals("application/problem+json", unsigned.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("ACCESS_DENIED", object(unsigned).get("code"));

        HttpResponse<String> wrongToken = send("GET", stack.url("gateway") + "/v0/status", stack.adminToken() + "x", null);
        assertEquals(403, wrongToken.statusCode());

        HttpResponse<String> gluster = send("GET", stack.url("gateway") + "/v1/peers", null, null);
        assertEquals(401, gluster.statusCode(), "Gluster's REST API answers 401");

        HttpResponse<String> metricsToken = send("GET", stack.url("gateway") + "/v0/status", stack.metricsToken, null);
        assertEquals(403, metricsToken.statusCode(), "the metrics token does not reach admin endpoints");

        HttpResponse<String> metrics = send("GET", stack.url("gateway") + "/metrics", stack.metricsToken, null);
        assertEquals(200, metrics.statusCode(), "Garage's metrics endpoint takes the metrics token");
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"));
        assertEquals(403, send("GET", stack.url("gateway") + "/metrics", null, null).statusCode());
        assertEquals(403, send("GET", stack.url("gateway") + "/metrics", stack.metricsToken + "x", null).statusCode());
    }

    @Test
    void servicesRefuseRequestsThatDidNotComeThroughTheGateway() throws Exception {
        HttpResponse<String> bare = send("GET", stack.url("cluster") + "/v0/status", null, null);
        assertEquals(401, bare.statusCode());
        HttpResponse<String> clientToken = send("GET", stack.url("cluster") + "/v0/status", stack.adminToken(), null);
        assertEquals(401, clientToken.statusCode(), "a client credential is not an internal JWT");
        HttpResponse<String> credentials = send("GET", stack.url("identity") + "/internal/v1/bearer-tokens/" + "0".repeat(64),
                stack.adminToken(), null);
        assertEquals(401, credentials.statusCode());
    }

    private HttpResponse<String> setup(String query, String newToken) throws Exception {
        String boundary = "steward-e2e-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"newtoken\"\r\n\r\n" + newToken + "\r\n--" + boundary + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("gateway") + "/api/v1/admin/setup" + query))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jidotekiTokenSetupAndBothAuthenticationForms() throws Exception {
        HttpResponse<String> first = setup("", "yourtoken");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"Status\":\"200 OK\"}", first.body());

        // The reference's own key: sha256hex("yourtoken"); the hash covers METHOD + path.
        String secretKey = "13e2ff941bbc8692cad141c8d293dda2c4f1c1a3c51b93d54f1a1693e1206107";
        String versionHash = dev.steward.gateway.signing.JidotekiAuth.hash(secretKey, "GET", "/api/v1/admin/version");
        assertEquals(200, send("GET", stack.url("gateway") + "/api/v1/admin/version?token=yourtoken", null, null).statusCode());
        assertEquals(200, send("GET", stack.url("gateway") + "/api/v1/admin/version?hash=" + versionHash, null, null).statusCode());

        HttpResponse<String> wrongToken = send("GET", stack.url("gateway") + "/api/v1/admin/version?token=yourtoken2", null, null);
        assertEquals(403, wrongToken.statusCode());
        String otherPathHash = dev.steward.gateway.signing.JidotekiAuth.hash(secretKey, "GET", "/api/v1/admin/build");
        assertEquals(403, send("GET", stack.url("gateway") + "/api/v1/admin/version?hash=" + otherPathHash, null, null).statusCode(), "path");
        assertEquals(403, send("POST", stack.url("gateway") + "/api/v1/admin/version?hash=" + versionHash, null, "[]").statusCode(), "method");
        HttpResponse<String> garage = send("GET", stack.url("gateway") + "/v0/status?token=yourtoken", null, null);
        assertEquals(403, garage.statusCode(), "query credentials belong to the Jidoteki API only");
        assertEquals("QUERY_CREDENTIALS_NOT_ALLOWED", object(garage).get("code"));

        long started = System.nanoTime();
        HttpResponse<String> takeover = setup("", "mytoken");
        assertEquals(403, takeover.statusCode(), "once set, the token changes only with credentials");
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 1900, "failed changes are slowed down");
        HttpResponse<String> badCredential = setup("?token=guess", "mytoken");
        assertEquals(403, badCredential.statusCode());

        String setupHash = dev.steward.gateway.signing.JidotekiAuth.hash(secretKey, "POST", "/api/v1/admin/setup");
        assertEquals(200, setup("?hash=" + setupHash, "mytoken").statusCode());
        Eventually.await(Duration.ofSeconds(5), () -> {
            try {
                return send("GET", stack.url("gateway") + "/api/v1/admin/version?token=yourtoken", null, null).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, code -> code == 403, "the old token to stop working");
        assertEquals(200, send("GET", stack.url("gateway") + "/api/v1/admin/version?token=mytoken", null, null).statusCode());

        Map<?, ?> refused = auditEntries().stream().filter(entry -> "/api/v1/admin/setup".equals(entry.get("target"))
                && String.valueOf(entry.get("result")).startsWith("refused")).findFirst().orElseThrow();
        assertEquals("anonymous", refused.get("actor"));
    }

    /** The JuiceFS reference client's signing, written out here independently of the gateway's code. */
    private HttpResponse<String> juiceFs(String method, String path, String accessKey, String secret, long timestamp,
                                         String signedBody, String sentBody) throws Exception {
        String host = URI.create(stack.url("gateway")).getAuthority();
        String payloadHash = signedBody == null ? "" : dev.steward.common.crypto.Crypto.sha256Hex(signedBody);
        String data = timestamp + "\n" + method + "\n" + path + "\nhost:" + host + "\n\n" + payloadHash;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String auth = "{\"access_key\": \"" + accessKey + "\", \"timestamp\": " + timestamp + ", \"signature\": \"" + signature
                + "\", \"version\": 1}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url("gateway") + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", java.util.Base64.getEncoder().encodeToString(auth.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .method(method, sentBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(sentBody));
        if (sentBody != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void juiceFsSignedRequestsWithAnImportedKey() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String accessKey = HexFormat.of().formatHex(random);
        String secret = "5f0c5a5d51515947788fa7b8244acebe166aedd9de28b26ef716888a613c3d92";
        HttpResponse<String> imported = send("POST", stack.url("gateway") + "/v0/key/import", stack.adminToken(),
                "{\"accessKeyId\":\"" + accessKey + "\",\"secretAccessKey\":\"" + secret + "\",\"role\":\"operator\",\"name\":\"juicefs-" + accessKey.substring(0, 8) + "\"}");
        assertEquals(200, imported.statusCode(), imported.body());
        long now = System.currentTimeMillis() / 1000;

        assertEquals(200, juiceFs("GET", "/v0/status", accessKey, secret, now, null, null).statusCode());

        new SecureRandom().nextBytes(random);
        String nodeId = HexFormat.of().formatHex(random);
        String body = "[\"" + nodeId + "@127.0.0.1:1\"]"; // no agent there: a per-node failure naming the address
        HttpResponse<String> connected = juiceFs("POST", "/v0/connect", accessKey, secret, now, body, body);
        assertEquals(200, connected.statusCode(), connected.body());
        assertTrue(connected.body().startsWith("[{\"success\":false,\"error\":\"Could not connect to 127.0.0.1:1"), "the signed body reached the service intact: "
                + connected.body());

        assertEquals(403, juiceFs("POST", "/v0/connect", accessKey, secret, now, body, body).statusCode(), "a replayed mutation");
        String other = "[\"" + nodeId + "@127.0.0.2:1\"]";
        assertEquals(403, juiceFs("POST", "/v0/connect", accessKey, secret, now + 1, body, other).statusCode(), "a body changed after signing");
        assertEquals(403, juiceFs("GET", "/v0/status", accessKey, secret, now - 600, null, null).statusCode(), "outside the clock-skew window");
        assertEquals(403, juiceFs("GET", "/v0/status", accessKey, "wrong-secret-wrong-secret", now, null, null).statusCode(), "wrong secret");
        assertEquals(403, juiceFs("GET", "/v0/status", accessKey + "0", secret, now, null, null).statusCode(), "unknown key");
        HttpResponse<String> gluster = juiceFs("GET", "/v1/peers", accessKey + "0", secret, now, null, null);
        assertEquals(401, gluster.statusCode(), "refusals keep the status of the path's reference");

        String huge = "[\"" + "x".repeat(11 * 1024 * 1024) + "\"]";
        assertEquals(413, juiceFs("POST", "/v0/connect", accessKey, secret, now, huge, huge).statusCode(), "bodies are capped before hashing");

        HttpResponse<String> deleted = send("DELETE", stack.url("gateway") + "/v0/key?id=" + accessKey, stack.adminToken(), null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        Eventually.await(Duration.ofSeconds(5), () -> {
            try {
                return juiceFs("GET", "/v0/status", accessKey, secret, System.currentTimeMillis() / 1000, null, null).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, code -> code == 403, "the deleted key to stop working");
    }

    @Test
    void glusterJwtWithARegisteredApp() throws Exception {
        String appId = "myapp-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = send("POST", stack.url("gateway") + "/v1/apps", stack.adminToken(),
                "{\"id\":\"" + appId + "\",\"secret\":\"myappsecret\",\"role\":\"operator\"}");
        assertEquals(201, added.statusCode(), added.body());
        long now = System.currentTimeMillis() / 1000;
        String gw = stack.url("gateway");

        assertEquals(200, send("GET", gw + "/v0/status", GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status", now, now + 300), null).statusCode());
        assertEquals(200, send("GET", gw + "/v0/status?status=1",
                GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status\nstatus=1", now, now + 300), null).statusCode(), "qsh with the query");

        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        String body = "[\"" + HexFormat.of().formatHex(id) + "@127.0.0.1:1\"]";
        HttpResponse<String> connected = send("POST", gw + "/v0/connect",
                GlusterTokens.jwt(appId, "myappsecret", "POST\n/v0/connect\n" + body, now, now + 300), body);
        assertEquals(200, connected.statusCode(), connected.body());

        String getToken = GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status", now, now + 300);
        assertEquals(403, send("DELETE", gw + "/v0/status", getToken, null).statusCode(), "a token for another method");
        assertEquals(401, send("GET", gw + "/v1/volumes", getToken, null).statusCode(), "another path, refused as Gluster does");
        assertEquals(403, send("GET", gw + "/v0/status", GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status", now - 900, now - 600), null)
                .statusCode(), "expired");
        assertEquals(403, send("GET", gw + "/v0/status", GlusterTokens.jwt(appId, "wrongsecret", "GET\n/v0/status", now, now + 300), null)
                .statusCode(), "wrong secret");
        assertEquals(403, send("GET", gw + "/v0/status", GlusterTokens.jwt("nobody-" + appId, "myappsecret", "GET\n/v0/status", now, now + 300), null)
                .statusCode(), "unknown app");

        assertEquals(200, send("PUT", gw + "/v1/apps/" + appId, stack.adminToken(), "{\"secret\":\"resetsecret\"}").statusCode());
        Eventually.await(Duration.ofSeconds(5), () -> {
            try {
                return send("GET", gw + "/v0/status", GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status", now, now + 300), null).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, code -> code == 403, "tokens signed with the old secret to stop working");
        assertEquals(200, send("GET", gw + "/v0/status", GlusterTokens.jwt(appId, "resetsecret", "GET\n/v0/status", now, now + 300), null).statusCode());
    }

    /** Imports a key with the given restrictions (JSON arrays) and returns its id; the secret is fixed. */
    private String importKey(String scopes, String ipRanges) throws Exception {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String accessKey = "GK" + HexFormat.of().formatHex(random);
        HttpResponse<String> imported = send("POST", stack.url("gateway") + "/v0/key/import", stack.adminToken(),
                "{\"accessKeyId\":\"" + accessKey + "\",\"secretAccessKey\":\"restricted-secret-0123\",\"role\":\"admin\",\"scopes\":" + scopes
                        + ",\"ipRanges\":" + ipRanges + "}");
        assertEquals(200, imported.statusCode(), imported.body());
        return accessKey;
    }

    @Test
    void scopesAndIpRangesRestrictWhatACredentialMayDo() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String reader = importKey("[\"cluster:read\"]", "[]");
        assertEquals(200, juiceFs("GET", "/v0/status", reader, "restricted-secret-0123", now, null, null).statusCode());
        HttpResponse<String> write = juiceFs("POST", "/v0/connect", reader, "restricted-secret-0123", now, "[]", "[]");
        assertEquals(403, write.statusCode());
        assertEquals("SCOPE_MISSING", object(write).get("code"));
        assertEquals(403, juiceFs("GET", "/v0/key", reader, "restricted-secret-0123", now, null, null).statusCode(), "another area");

        String elsewhere = importKey("[\"*\"]", "[\"10.99.0.0/16\"]");
        HttpResponse<String> outside = juiceFs("GET", "/v0/status", elsewhere, "restricted-secret-0123", now, null, null);
        assertEquals(403, outside.statusCode(), "used from outside its ranges, the key is no credential");
        assertEquals("ACCESS_DENIED", object(outside).get("code"));

        String local = importKey("[\"*\"]", "[\"127.0.0.0/8\", \"::1\"]");
        assertEquals(200, juiceFs("GET", "/v0/status", local, "restricted-secret-0123", now, null, null).statusCode());

        HttpResponse<String> badScope = send("POST", stack.url("gateway") + "/v0/key", stack.adminToken(), "{\"scopes\":[\"everything\"]}");
        assertEquals(400, badScope.statusCode());
        assertEquals("SCOPE_INVALID", object(badScope).get("code"));
        HttpResponse<String> badRange = send("POST", stack.url("gateway") + "/v0/key", stack.adminToken(), "{\"ipRanges\":[\"10.0.0.0/33\"]}");
        assertEquals("IP_RANGE_INVALID", object(badRange).get("code"));
    }

    @Test
    void namedTokensWithScopesAndRevocation() throws Exception {
        String gw = stack.url("gateway");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> issued = send("POST", gw + "/steward/v1/tokens", stack.adminToken(),
                "{\"name\":\"reader-" + suffix + "\",\"kind\":\"ADMIN\",\"scopes\":[\"*:read\"]}");
        assertEquals(201, issued.statusCode(), issued.body());
        String reader = (String) object(issued).get("token");
        assertEquals(200, send("GET", gw + "/v0/status", reader, null).statusCode());
        assertEquals(403, send("POST", gw + "/v0/connect", reader, "[]").statusCode(), "a read-only token cannot write");

        String metrics = (String) object(send("POST", gw + "/steward/v1/tokens", stack.adminToken(),
                "{\"name\":\"scraper-" + suffix + "\",\"kind\":\"METRICS\"}")).get("token");
        assertEquals(200, send("GET", gw + "/metrics", metrics, null).statusCode());
        assertEquals(403, send("GET", gw + "/v0/status", metrics, null).statusCode());

        assertEquals(204, send("DELETE", gw + "/steward/v1/tokens/scraper-" + suffix, stack.adminToken(), null).statusCode());
        Eventually.await(Duration.ofSeconds(5), () -> {
            try {
                return send("GET", gw + "/metrics", metrics, null).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, code -> code == 403, "the revoked token to stop working");
        assertEquals(401, send("GET", gw + "/steward/v1/tokens", metrics, null).statusCode(), "Steward's own API answers 401");
    }

    @Test
    void everyServiceServesHealthAndPrometheusMetrics() throws Exception {
        StringBuilder scrapes = new StringBuilder();
        for (String service : List.of("identity", "cluster", "jobs")) {
            HttpResponse<String> readiness = send("GET", stack.url(service) + "/health/readiness", null, null);
            assertEquals(200, readiness.statusCode(), service + ": " + readiness.body());
            Map<?, ?> details = (Map<?, ?>) object(readiness).get("details");
            assertTrue(details.containsKey("jdbc") && details.containsKey("kafka"), service + " readiness: " + details.keySet());
            assertEquals(200, send("GET", stack.url(service) + "/health/liveness", null, null).statusCode());
            HttpResponse<String> metrics = send("GET", stack.url(service) + "/prometheus", null, null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), service + " exposes JVM metrics");
            scrapes.append(metrics.body());
        }
        assertEquals(401, send("GET", stack.url("gateway") + "/gateway/prometheus", null, null).statusCode(), "the gateway's own metrics need the metrics role");
        HttpResponse<String> gatewayMetrics = send("GET", stack.url("gateway") + "/gateway/prometheus", stack.metricsToken, null);
        assertEquals(200, gatewayMetrics.statusCode());
        assertTrue(gatewayMetrics.body().contains("http_server_requests_seconds"), "gateway request metrics");
        // Proxied requests are the gateway's own answers: counted by route, scheme, outcome and status; refusals by reason.
        assertEquals(200, send("GET", stack.url("gateway") + "/v0/status", stack.adminToken(), null).statusCode());
        int refused = send("GET", stack.url("gateway") + "/v0/status", "not-a-token", null).statusCode();
        assertTrue(refused == 401 || refused == 403, "a wrong token: " + refused);
        String afterRequests = send("GET", stack.url("gateway") + "/gateway/prometheus", stack.metricsToken, null).body();
        for (String series : List.of(
                "steward_gateway_requests_seconds_count\\{[^}]*outcome=\"forwarded\"[^}]*route=\"/v0\"[^}]*scheme=\"garage-bearer\"[^}]*status=\"200\"",
                "steward_gateway_requests_seconds_count\\{[^}]*outcome=\"refused\"[^}]*route=\"/v0\"[^}]*status=\"" + refused + "\"",
                "steward_gateway_refusals_total\\{[^}]*reason=\"(authentication_required|access_denied)\"",
                "steward_gateway_credential_cache_total\\{[^}]*result=\"miss\"")) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^" + series).matcher(afterRequests).find(), series + " in the gateway's metrics");
        }
        scrapes.append(afterRequests);
        // every metric the alert rules and the dashboard name is one a running stack exports (they cannot drift from the code)
        String rules = java.nio.file.Files.readString(java.nio.file.Path.of("../deploy/prometheus/steward-alerts.yml"))
                + java.nio.file.Files.readString(java.nio.file.Path.of("../deploy/grafana/steward-dashboard.json"));
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("\\b((?:steward|kafka|http_server)_[a-z0-9_]+)\\b").matcher(rules);
        java.util.Set<String> missing = new java.util.TreeSet<>();
        while (named.find()) {
            String metric = named.group(1);
            if (!java.util.regex.Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrapes).find()) {
                missing.add(metric);
            }
        }
        assertTrue(missing.isEmpty(), "named by the alert rules or the dashboard but exported by no service: " + missing);
        assertEquals(404, send("GET", stack.url("gateway") + "/gateway/beans", null, null).statusCode(),
                "management endpoints other than health and metrics stay off");
    }

    @Test
    void jidotekiSystemEndpointsAreAnsweredByTheGateway() throws Exception {
        String admin = stack.adminToken();
        assertEquals(403, send("GET", stack.url("gateway") + "/api/v1/admin/services", null, null).statusCode(),
                "verified like every route");

        Map<?, ?> endpoints = object(send("GET", stack.url("gateway") + "/api/v1/admin/endpoints", admin, null));
        List<?> listed = (List<?>) endpoints.get("endpoints");
        for (String expected : List.of("/api/v1/admin/setup", "/api/v1/admin/update", "/api/v1/admin/backup", "/api/v1/admin/services",
                "/api/v1/admin/health", "/api/v1/admin/endpoints", "/api/v1/admin/certs", "/api/v1/admin/license", "/docs")) {
            assertTrue(listed.contains(expected), expected + " in " + listed);
        }
        assertEquals(listed.stream().sorted().toList(), listed, "sorted, first level only, no duplicates");

        assertEquals(403, send("GET", stack.url("gateway") + "/docs", null, null).statusCode(), "only liveness answers anyone");
        HttpResponse<String> docs = send("GET", stack.url("gateway") + "/docs", admin, null);
        assertEquals(200, docs.statusCode(), "the API description, for any verified caller: " + docs.body());
        assertTrue(docs.body().startsWith("openapi: 3.1.0") && docs.body().contains("/api/v1/admin/services:"), docs.body());
        assertTrue(docs.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));

        HttpResponse<String> services = send("GET", stack.url("gateway") + "/api/v1/admin/services", admin, null);
        assertEquals(200, services.statusCode(), services.body());
        assertEquals(List.of(Map.of("gateway-service", "running"), Map.of("cluster-service", "running"),
                Map.of("identity-service", "running"), Map.of("jobs-service", "running")), object(services).get("services"));

        Map<?, ?> health = object(send("GET", stack.url("gateway") + "/api/v1/admin/health", admin, null));
        Map<?, ?> disk = (Map<?, ?>) health.get("disk");
        Map<?, ?> memory = (Map<?, ?>) health.get("memory");
        Map<?, ?> cpu = (Map<?, ?>) health.get("cpu");
        assertTrue(String.valueOf(disk.get("total")).matches("[0-9.]+[KMGTP]"), "df -h style: " + disk);
        assertTrue(((Number) memory.get("percentage")).intValue() > 0, "memory is in use: " + memory);
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Number) cpu.get("num")).intValue());
        assertTrue(String.valueOf(cpu.get("load")).matches("[0-9.]+, [0-9.]+, [0-9.]+"), "three load averages: " + cpu);
    }

    @Test
    void aChangeTravelsThroughKafkaToTheOtherServices() throws Exception {
        try (NodeAgentProcess agent = NodeAgentProcess.start()) {
            String nodeId = agent.nodeId();
            HttpResponse<String> connect = send("POST", stack.url("gateway") + "/v0/connect", stack.adminToken(), "[\"" + agent.spec() + "\"]");
            assertEquals(200, connect.statusCode(), connect.body());
            assertEquals("[{\"success\":true,\"error\":null}]", connect.body());

            // jobs-service projected the node from cluster-service's NodeConnected event ...
            Eventually.await(Duration.ofSeconds(30), () -> knownNodeAddress(nodeId), Optional::isPresent, "jobs-service to learn the node");
            assertEquals(Optional.of("127.0.0.1:" + agent.port()), knownNodeAddress(nodeId));
            auditedConnect(nodeId);
        }
    }

    private void auditedConnect(String nodeId) throws Exception {

        // ... and identity-service audited it, with the caller the gateway verified.
        Map<?, ?> entry = Eventually.await(Duration.ofSeconds(30), () -> auditEntryFor("node/" + nodeId),
                Optional::isPresent, "the audit entry").orElseThrow();
        assertEquals("token:bootstrap-admin", entry.get("actor"));
        assertEquals("127.0.0.1", entry.get("clientIp"));
        assertEquals("dev.steward.cluster.NodeConnected.v1", entry.get("action"));
        assertEquals("cluster-service", entry.get("service"));
    }

    @Test
    void refusedAdminActionsAreAuditedByEveryServiceAndReadsAreNot() throws Exception {
        String gateway = stack.url("gateway");
        String volume = "no-such-volume-" + System.nanoTime();
        String app = "no-such-app-" + System.nanoTime();
        assertEquals(404, send("POST", gateway + "/v1/volumes/" + volume + "/start", stack.adminToken(), "{}").statusCode());
        assertEquals(404, send("DELETE", gateway + "/v1/apps/" + app, stack.adminToken(), null).statusCode());
        HttpResponse<String> noPackage = send("POST", gateway + "/api/v1/admin/update", stack.adminToken(), null);
        assertEquals(400, noPackage.statusCode(), noPackage.body());
        assertEquals(404, send("GET", gateway + "/v1/volumes/" + volume, stack.adminToken(), null).statusCode());

        // cluster-service and jobs-service publish their refusals; identity-service writes its own directly.
        Map<?, ?> cluster = Eventually.await(Duration.ofSeconds(30), () -> auditEntryFor("/v1/volumes/" + volume + "/start"),
                Optional::isPresent, "cluster-service's refusal on the audit trail").orElseThrow();
        assertEquals("POST /v1/volumes/" + volume + "/start", cluster.get("action"));
        assertTrue(String.valueOf(cluster.get("result")).startsWith("refused: 404 VOLUME_NOT_FOUND"), cluster.toString());
        assertEquals("cluster-service", cluster.get("service"));
        assertEquals("token:bootstrap-admin", cluster.get("actor"));
        assertEquals("127.0.0.1", cluster.get("clientIp"));

        Map<?, ?> identity = auditEntryFor("/v1/apps/" + app).orElseThrow(() -> new AssertionError("identity-service's refusal is not audited"));
        assertEquals("DELETE /v1/apps/" + app, identity.get("action"));
        assertTrue(String.valueOf(identity.get("result")).startsWith("refused: 404 "), identity.toString());
        assertEquals("identity-service", identity.get("service"));
        assertEquals("token:bootstrap-admin", identity.get("actor"));

        Map<?, ?> jobs = Eventually.await(Duration.ofSeconds(30), () -> auditEntries().stream()
                        .filter(entry -> "POST /api/v1/admin/update".equals(entry.get("action"))).findFirst(),
                Optional::isPresent, "jobs-service's refusal on the audit trail").orElseThrow();
        assertTrue(String.valueOf(jobs.get("result")).startsWith("refused: 400 UPDATE_PACKAGE_MISSING"), jobs.toString());
        assertEquals("jobs-service", jobs.get("service"));

        assertTrue(auditEntries().stream().noneMatch(entry -> String.valueOf(entry.get("action")).startsWith("GET ")), "reads are not audited");
    }

    private Optional<String> knownNodeAddress(String nodeId) {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(stack.databases.get("jobs"), infra.user(), infra.password());
             PreparedStatement query = connection.prepareStatement("SELECT address FROM known_node WHERE node_id = ?")) {
            query.setString(1, nodeId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Map<?, ?>> auditEntryFor(String target) {
        return auditEntries().stream().filter(entry -> target.equals(entry.get("target"))).findFirst();
    }

    private List<Map<?, ?>> auditEntries() {
        try {
            HttpResponse<String> page = send("GET", stack.url("gateway") + "/steward/v1/audit?limit=100", stack.adminToken(), null);
            assertEquals(200, page.statusCode(), page.body());
            List<Map> entries = json.readValue(page.body(), io.micronaut.core.type.Argument.listOf(Map.class));
            return entries.stream().<Map<?, ?>>map(entry -> (Map<?, ?>) entry).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three real agents in three zones: connected, given roles and applied; their own heartbeats make the cluster healthy. */
    private void healthFollowsTheAgents(String gateway, List<NodeAgentProcess> agents) throws Exception {
        List<String> nodes = agents.stream().map(NodeAgentProcess::nodeId).toList();
        StringBuilder connect = new StringBuilder("[");
        StringBuilder roles = new StringBuilder("{");
        for (int i = 0; i < agents.size(); i++) {
            connect.append(i > 0 ? "," : "").append('"').append(agents.get(i).spec()).append('"');
            roles.append(i > 0 ? "," : "").append('"').append(nodes.get(i)).append("\":{\"zone\":\"dc").append(i + 1)
                    .append("\",\"capacity\":10,\"tags\":[]}");
        }
        HttpResponse<String> connected = send("POST", gateway + "/v0/connect", stack.adminToken(), connect.append(']').toString());
        assertEquals(200, connected.statusCode());
        assertEquals(3, countOf(connected.body(), "\"success\":true"), connected.body());
        assertEquals(200, send("POST", gateway + "/v0/layout", stack.adminToken(), roles.append('}').toString()).statusCode());
        long version = ((Number) object(send("GET", gateway + "/v0/layout", stack.adminToken(), null)).get("version")).longValue();
        HttpResponse<String> applied = send("POST", gateway + "/v0/layout/apply", stack.adminToken(), "{\"version\":" + (version + 1) + "}");
        assertEquals(200, applied.statusCode(), applied.body());
        HttpResponse<String> unlabelled = send("POST", gateway + "/v0/layout/apply", stack.adminToken(), "{\"version\":" + (version + 1) + "}", null);
        assertEquals(409, unlabelled.statusCode(), "a body without Content-Type is read as JSON too: " + unlabelled.body());
        HttpResponse<String> after = Eventually.await(Duration.ofSeconds(30), () -> {
            try {
                return send("GET", gateway + "/health", null, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, answer -> answer.statusCode() == 200, "the agents' heartbeats to make every partition's quorum");
        assertEquals(200, after.statusCode(), after.body());
        // A quorum needs two of the three; the test goes on to expect all three up, so wait for the third's beat too.
        Eventually.await(Duration.ofSeconds(30), () -> {
            try {
                return String.valueOf(object(send("GET", gateway + "/v0/health", stack.adminToken(), null)).get("status"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "Healthy"::equals, "every agent's heartbeat to be applied");
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * A cluster administered the Garage way through the gateway: health is 503 until a layout with
     * live nodes exists, and a key created in identity-service reaches cluster-service over Kafka in
     * time to own a bucket's local alias.
     */
    @Test
    void clusterLayoutHealthAndBucketsThroughTheGateway() throws Exception {
        String gateway = stack.url("gateway");
        HttpResponse<String> before = send("GET", gateway + "/health", null, null);
        assertEquals(503, before.statusCode(), "no layout yet: no partition has a quorum");
        assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        List<NodeAgentProcess> agents = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                agents.add(NodeAgentProcess.start());
            }
            healthFollowsTheAgents(gateway, agents);
        } finally {
            agents.forEach(NodeAgentProcess::close);
        }
        assertEquals("Healthy", object(send("GET", gateway + "/v0/health", stack.adminToken(), null)).get("status"));

        // Sent as `curl -d` sends it: Garage reads the body as JSON whatever the Content-Type says.
        HttpResponse<String> keyCreated = send("POST", gateway + "/v0/key", stack.adminToken(), "{\"name\":\"e2e-bucket-owner\"}",
                "application/x-www-form-urlencoded");
        assertEquals(200, keyCreated.statusCode(), keyCreated.body());
        Map<?, ?> key = object(keyCreated);
        assertEquals("e2e-bucket-owner", key.get("name"));
        String keyId = (String) key.get("accessKeyId");
        String bucketBody = "{\"localAlias\":{\"accessKeyId\":\"" + keyId + "\",\"alias\":\"e2e-photos\",\"allow\":{\"read\":true,\"write\":true,\"owner\":true}}}";
        HttpResponse<String> created = Eventually.await(Duration.ofSeconds(30), () -> {
            try {
                return send("POST", gateway + "/v0/bucket", stack.adminToken(), bucketBody);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, response -> response.statusCode() != 404, "cluster-service to learn key " + keyId + " from identity's events");
        assertEquals(200, created.statusCode(), created.body());
        List<?> keys = (List<?>) object(created).get("keys");
        Map<?, ?> owner = (Map<?, ?>) keys.get(0);
        assertEquals(keyId, owner.get("accessKeyId"));
        assertEquals("e2e-bucket-owner", owner.get("name"));
        assertEquals(List.of("e2e-photos"), owner.get("bucketLocalAliases"));
    }
}
