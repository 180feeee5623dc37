package dev.steward.gateway.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.common.security.InternalJwtKeys;
import dev.steward.common.security.Role;
import dev.steward.gateway.route.ConfiguredRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's findings, each tried as its reporter did, against the whole stack: every test here
 * passed as an attack before the fix (the attack succeeded) and now asserts the refusal. Written
 * against the HTTP surface only, with the reference clients' own signing.
 */
class LeastPrivilegeE2EIT extends AbstractStackE2E {

    private static final String KEY_SECRET = "least-privilege-secret-0123";

    /** One credential per role for the route matrix: bearer tokens, and for "none" a new key (signed the JuiceFS way). */
    private final Map<Role, String> roleTokens = new LinkedHashMap<>();
    private String noRoleKey;

    @BeforeAll
    void issueRoleCredentials() throws Exception {
        for (Role role : List.of(Role.METRICS, Role.AUDITOR, Role.OPERATOR, Role.ADMIN)) {
            roleTokens.put(role, token("\"role\":\"" + role.id() + "\",\"scopes\":[\"*\"]"));
        }
        noRoleKey = importKey(",\"scopes\":[\"*\"]");
    }

    private String gw() {
        return stack.url("gateway");
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String bearer, String body) throws Exception {
        return exchange(method, gw() + pathAndQuery, bearer, body, "application/json");
    }

    /** A named bearer token; {@code fields} is the rest of the JSON object (role, kind, scopes...). */
    private String token(String fields) throws Exception {
        HttpResponse<String> issued = send("POST", "/steward/v1/tokens", stack.adminToken(),
                "{\"name\":\"lp-" + UUID.randomUUID().toString().substring(0, 8) + "\"," + fields + "}");
        assertEquals(201, issued.statusCode(), issued.body());
        return (String) object(issued).get("token");
    }

    /** Imports a key with the fixed secret; {@code fields} adds e.g. the role. */
    private String importKey(String fields) throws Exception {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String accessKey = "GK" + HexFormat.of().formatHex(random);
        HttpResponse<String> imported = send("POST", "/v0/key/import", stack.adminToken(),
                "{\"accessKeyId\":\"" + accessKey + "\",\"secretAccessKey\":\"" + KEY_SECRET + "\"" + fields + "}");
        assertEquals(200, imported.statusCode(), imported.body());
        return accessKey;
    }

    private static String juiceFsSignature(String secret, String method, String path, String host, long timestamp, String body)
            throws Exception {
        String payloadHash = body == null ? "" : dev.steward.common.crypto.Crypto.sha256Hex(body);
        String data = timestamp + "\n" + method + "\n" + path + "\nhost:" + host + "\n\n" + payloadHash;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** The JuiceFS reference client's request, with the signature text as given (so that it can be re-encoded). */
    private HttpResponse<String> juiceFs(String method, String path, String accessKey, long timestamp, String signature, String body)
            throws Exception {
        String auth = "{\"access_key\": \"" + accessKey + "\", \"timestamp\": " + timestamp + ", \"signature\": \"" + signature
                + "\", \"version\": 1}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> juiceFs(String method, String path, String accessKey, long timestamp, String body) throws Exception {
        String host = URI.create(gw()).getAuthority();
        return juiceFs(method, path, accessKey, timestamp, juiceFsSignature(KEY_SECRET, method, path, host, timestamp, body), body);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String connectBody() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return "[\"" + HexFormat.of().formatHex(id) + "@127.0.0.1:1\"]";
    }

    /** 1: a keys:* token made a * key, and that key (signed the JuiceFS way) listed every admin token. */
    @Test
    void aKeysScopedTokenCannotMintAnAdministrator() throws Exception {
        String keysOnly = token("\"kind\":\"ADMIN\",\"scopes\":[\"keys:*\"]");
        HttpResponse<String> wide = send("POST", "/v0/key", keysOnly, "{\"name\":\"lp-wide\",\"scopes\":[\"*\"]}");
        assertEquals(403, wide.statusCode(), wide.body());

        HttpResponse<String> created = send("POST", "/v0/key", keysOnly, "{\"name\":\"lp-plain\"}");
        assertEquals(200, created.statusCode(), created.body());
        String accessKey = (String) object(created).get("accessKeyId");
        String secret = (String) object(created).get("secretAccessKey");
        String host = URI.create(gw()).getAuthority();
        long now = now();
        HttpResponse<String> tokens = juiceFs("GET", "/steward/v1/tokens", accessKey, now,
                juiceFsSignature(secret, "GET", "/steward/v1/tokens", host, now, null), null);
        assertEquals(403, tokens.statusCode(), "a new key is no administrator: " + tokens.body());
    }

    /** 2: the third copy of a JuiceFS request, its signature in upper-case hex, passed. */
    @Test
    void aReplayedJuiceFsSignatureIsRefusedHoweverItIsSpelled() throws Exception {
        String accessKey = importKey(",\"role\":\"operator\"");
        String body = connectBody();
        long now = now();
        String signature = juiceFsSignature(KEY_SECRET, "POST", "/v0/connect", URI.create(gw()).getAuthority(), now, body);
        assertEquals(200, juiceFs("POST", "/v0/connect", accessKey, now, signature, body).statusCode());
        assertEquals(403, juiceFs("POST", "/v0/connect", accessKey, now, signature, body).statusCode());
        HttpResponse<String> upper = juiceFs("POST", "/v0/connect", accessKey, now, signature.toUpperCase(Locale.ROOT), body);
        assertEquals(403, upper.statusCode(), "the same signature in upper case is a replay: " + upper.body());
    }

    /** 2: a Gluster JWT whose signature is re-encoded (a trailing '=') was a new signature. */
    @Test
    void aReplayedGlusterJwtIsRefusedHoweverItIsEncoded() throws Exception {
        String appId = "lp-app-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = send("POST", "/v1/apps", stack.adminToken(),
                "{\"id\":\"" + appId + "\",\"secret\":\"myappsecret\",\"role\":\"operator\"}");
        assertEquals(201, added.statusCode(), added.body());
        String body = connectBody();
        long now = now();
        String jwt = GlusterTokens.jwt(appId, "myappsecret", "POST\n/v0/connect\n" + body, now, now + 300);
        assertEquals(200, send("POST", "/v0/connect", jwt, body).statusCode());
        assertEquals(403, send("POST", "/v0/connect", jwt, body).statusCode());
        HttpResponse<String> padded = send("POST", "/v0/connect", jwt + "=", body);
        assertNotEquals(200, padded.statusCode(), "a re-encoded signature is the same signature: " + padded.body());
    }

    /** 3: the metrics token read the Jidoteki system endpoints; the gateway's health and Prometheus answered anyone. */
    @Test
    void theMetricsTokenReadsMetricsOnly() throws Exception {
        assertEquals(200, send("GET", "/metrics", stack.metricsToken, null).statusCode());
        for (String path : new String[] {"/api/v1/admin/services", "/api/v1/admin/health", "/api/v1/admin/endpoints"}) {
            HttpResponse<String> refused = send("GET", path, stack.metricsToken, null);
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
        }
        assertEquals(401, send("GET", "/gateway/prometheus", null, null).statusCode());
        assertEquals(401, send("GET", "/gateway/health", null, null).statusCode());
        assertEquals(200, send("GET", "/gateway/prometheus", stack.metricsToken, null).statusCode());
        assertEquals(200, send("GET", "/gateway/health/liveness", null, null).statusCode(), "probes stay open");
    }

    /** 4: GET /reboot, /logs and /debug started jobs with a read-only credential. */
    @Test
    void readOnlyCredentialsStartNoJobs() throws Exception {
        String reader = token("\"kind\":\"ADMIN\",\"scopes\":[\"*:read\"]");
        for (String path : new String[] {"/api/v1/admin/reboot", "/api/v1/admin/logs", "/api/v1/admin/debug"}) {
            HttpResponse<String> refused = send("GET", path, reader, null);
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
        }
    }

    /** 5: one captured DELETE /v0/key ?hash= deleted any key. */
    @Test
    void aJidotekiHashOpensNoGarageRoute() throws Exception {
        String token = "lp-token-" + UUID.randomUUID();
        String boundary = "lp-boundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"newtoken\"\r\n\r\n" + token + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> setup = http.send(HttpRequest.newBuilder(URI.create(gw() + "/api/v1/admin/setup"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, setup.statusCode(), setup.body());

        String victim = importKey("");
        String secretKey = dev.steward.common.crypto.Crypto.sha256Hex(token);
        String hash = dev.steward.gateway.signing.JidotekiAuth.hash(secretKey, "DELETE", "/v0/key");
        HttpResponse<String> deleted = send("DELETE", "/v0/key?id=" + victim + "&hash=" + hash, null, null);
        assertEquals(403, deleted.statusCode(), deleted.body());
        assertEquals(403, send("GET", "/v0/status?token=" + token, null, null).statusCode(), "nor ?token=");
        assertEquals(200, send("GET", "/api/v1/admin/version?token=" + token, null, null).statusCode(), "the Jidoteki API keeps both");
        assertEquals(200, send("GET", "/v0/key?id=" + victim, stack.adminToken(), null).statusCode(), "the key is still there");
    }

    /** 6: reading a backup handed over every database to a credential allowed to run jobs. */
    @Test
    void onlyAdministratorsDownloadOrRestoreBackups() throws Exception {
        String operator = token("\"kind\":\"ADMIN\",\"role\":\"operator\"");
        HttpResponse<String> download = send("GET", "/api/v1/admin/backup/download", operator, null);
        assertEquals(403, download.statusCode(), download.body());
        HttpResponse<String> restore = send("POST", "/api/v1/admin/backup/restore", operator, "{}");
        assertEquals(403, restore.statusCode(), restore.body());
    }

    /** 8: a JuiceFS timestamp near now - 2^63 passed the skew check by overflow. */
    @Test
    void aTimestampFarInThePastIsOutsideTheSkew() throws Exception {
        String accessKey = importKey(",\"role\":\"auditor\"");
        long overflowing = now() - Long.MAX_VALUE - 1;
        HttpResponse<String> response = juiceFs("GET", "/v0/status", accessKey, overflowing, null);
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(200, juiceFs("GET", "/v0/status", accessKey, now(), null).statusCode(), "while a current one passes");
    }

    /** 8: a Gluster JWT's exp had no bound, while replays were remembered only for the skew window. */
    @Test
    void aGlusterJwtMayNotLiveForEver() throws Exception {
        String appId = "lp-long-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, send("POST", "/v1/apps", stack.adminToken(),
                "{\"id\":\"" + appId + "\",\"secret\":\"myappsecret\",\"role\":\"auditor\"}").statusCode());
        long now = now();
        HttpResponse<String> forever = send("GET", "/v0/status",
                GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status", now, now + 365L * 24 * 3600), null);
        assertEquals(403, forever.statusCode(), forever.body());
        assertEquals(200, send("GET", "/v0/status", GlusterTokens.jwt(appId, "myappsecret", "GET\n/v0/status", now, now + 300), null)
                .statusCode());
    }

    /**
     * 9: every service held the one HS256 secret, so any of them could mint an admin token the others
     * accepted. Now a service holds the gateway's public key only: neither an HS256 token keyed with
     * what it holds (the algorithm-confusion forgery) nor an ES256 token under another key is accepted.
     */
    @Test
    void servicesAcceptOnlyTheGatewaysSignature() throws Exception {
        String claims = "{\"iss\":\"steward-gateway\",\"aud\":\"steward-internal\",\"sub\":\"service:forged\","
                + "\"roles\":[\"ADMIN\",\"API\"],\"role\":\"admin\",\"scopes\":[\"*\"],\"scheme\":\"forged\","
                + "\"iat\":" + now() + ",\"nbf\":" + (now() - 1) + ",\"exp\":" + (now() + 60) + "}";
        JWTClaimsSet set = JWTClaimsSet.parse(claims);

        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
        confused.sign(new MACSigner(StewardStack.INTERNAL_JWT_KEYS.getPublic().getEncoded()));
        SignedJWT otherKey = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), set);
        otherKey.sign(new ECDSASigner((ECPrivateKey) InternalJwtKeys.generate().getPrivate()));
        SignedJWT gateways = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), set);
        gateways.sign(new ECDSASigner((ECPrivateKey) StewardStack.INTERNAL_JWT_KEYS.getPrivate()));

        for (String service : List.of("identity", "cluster", "jobs")) {
            String status = stack.url(service) + (service.equals("identity") ? "/steward/v1/tokens"
                    : service.equals("cluster") ? "/v0/status" : "/steward/v1/jobs");
            assertEquals(401, direct(status, confused.serialize()).statusCode(), service + ": HS256 keyed with the public key");
            assertEquals(401, direct(status, otherKey.serialize()).statusCode(), service + ": ES256 under another key");
            HttpResponse<String> genuine = direct(status, gateways.serialize());
            assertEquals(200, genuine.statusCode(), service + ": the gateway's signature: " + genuine.body());
        }
    }

    private HttpResponse<String> direct(String url, String internalToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + internalToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The callers of the matrix: no credential at all, then each role. */
    private static final List<String> CALLERS = List.of("anonymous", "none", "metrics", "auditor", "operator", "admin");

    /**
     * Every configured route, for every caller, as a read (GET) and as a write (POST): the matrix
     * docs/security.md shows, read here from the route table's text rather than from the gateway's
     * own binding of it. An unsigned caller on an {@code anonymous} route the gateway does not answer
     * itself (first setup) is left out: there the owning service decides.
     */
    static Stream<Arguments> routeMatrix() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (Map<String, Object> route : ConfiguredRoutes.raw()) {
            boolean anonymous = Boolean.TRUE.equals(route.get("anonymous"));
            for (String caller : CALLERS) {
                if (caller.equals("anonymous") && anonymous && !"gateway".equals(route.get("service"))) {
                    continue;
                }
                for (String method : List.of("GET", "POST")) {
                    boolean write = "always".equals(route.get("writes")) || !method.equals("GET");
                    Role needed = Role.parse((String) route.get(write ? "write-role" : "read-role")).orElseThrow();
                    int refusal = ((Number) route.getOrDefault("refusal-status", 403)).intValue();
                    boolean allowed = caller.equals("anonymous") ? anonymous : Role.parse(caller).orElseThrow().covers(needed);
                    cases.add(Arguments.of(route.get("pattern"), caller, method, write ? "write" : "read", allowed, refusal));
                }
            }
        }
        return cases.stream();
    }

    /**
     * Allowed means the gateway let the request through (whatever the service then answers: the
     * write's body is deliberately not JSON, so that nothing changes); refused means the gateway's
     * own refusal, with the status and code the matrix promises.
     */
    @ParameterizedTest(name = "{1} {2} {0} ({3}): allowed={4}")
    @MethodSource("routeMatrix")
    void eachRouteAnswersEachRoleAsTheMatrixSays(String pattern, String caller, String method, String operation, boolean allowed,
                                                 int refusalStatus) throws Exception {
        String path = pattern.replace("*", "matrix");
        String body = method.equals("GET") ? null : "not json";
        HttpResponse<String> response = switch (caller) {
            case "anonymous" -> send(method, path, null, body);
            case "none" -> juiceFs(method, path, noRoleKey, now(), body);
            default -> send(method, path, roleTokens.get(Role.parse(caller).orElseThrow()), body);
        };
        String seen = method + " " + path + " as " + caller + " (" + operation + ") -> " + response.statusCode() + " " + response.body();
        if (allowed) {
            assertTrue(response.statusCode() != 401 && response.statusCode() != 403, "allowed by the matrix: " + seen);
        } else if (caller.equals("anonymous")) {
            assertEquals(refusalStatus, response.statusCode(), seen);
        } else {
            assertEquals(403, response.statusCode(), seen);
            assertEquals("ROLE_INSUFFICIENT", object(response).get("code"), seen);
        }
    }
}
