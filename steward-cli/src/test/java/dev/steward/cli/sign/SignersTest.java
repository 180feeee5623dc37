package dev.steward.cli.sign;

import dev.steward.cli.config.Profile;
import dev.steward.cli.config.Scheme;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each scheme as its reference writes it; the gateway's acceptance of all four is CliE2EIT's. */
class SignersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private static RequestSigner.Request request(String method, String path, Query query, String body) {
        return new RequestSigner.Request(method, "gw.example:8080", path, query, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jidotekiHashIsTheReferencesWorkedExample() {
        RequestSigner signer = RequestSigner.of(new Profile("j", URI.create("http://gw"), Scheme.JIDOTEKI, "yourtoken", null), CLOCK);
        RequestSigner.Signature signature = signer.sign(request("GET", "/api/v1/admin/version", Query.empty(), null));
        assertEquals("b714a60732e096ccef06e360eefe0f1ba4fa5d16ef7da726612e2026e5523241", signature.query().get("hash"));
        assertTrue(signature.headers().isEmpty(), "the token never travels");
    }

    @Test
    void juiceFsSignsSortedQueryHostAndBodyHash() {
        Query query = Query.empty().and("b", "2").and("a", "x y/z").and("a", "1");
        assertEquals("a=1&a=x%20y%2Fz&b=2", JuiceFsSigner.sortedQuery(query), "names, then values, sorted; quote(safe='')");
        String body = "{\"globalAlias\":\"b1\"}";
        String canonical = JuiceFsSigner.canonical(1_700_000_000L, request("POST", "/v0/bucket", query, body));
        assertEquals("1700000000\nPOST\n/v0/bucket\nhost:gw.example:8080\na=1&a=x%20y%2Fz&b=2\n"
                + Digests.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), canonical);
        assertEquals("1700000000\nGET\n/v0/status\nhost:gw.example:8080\n\n",
                JuiceFsSigner.canonical(1_700_000_000L, request("GET", "/v0/status", Query.empty(), null)), "no body: empty hash");

        RequestSigner signer = RequestSigner.of(new Profile("f", URI.create("http://gw"), Scheme.JUICEFS, "ak1", "s3cret"), CLOCK);
        String header = signer.sign(request("GET", "/v0/status", Query.empty(), null)).headers().get("Authorization");
        String decoded = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        String expected = Digests.hmacSha256Hex("s3cret", "1700000000\nGET\n/v0/status\nhost:gw.example:8080\n\n");
        assertEquals("{\"access_key\": \"ak1\", \"timestamp\": 1700000000, \"signature\": \"" + expected + "\", \"version\": 1}", decoded);
    }

    @Test
    void glusterQshCoversMethodPathQueryAndBody() {
        assertEquals(Digests.sha256Hex("GET\n/v1/volumes\nstatus=1".getBytes(StandardCharsets.UTF_8)),
                GlusterJwtSigner.qsh(request("GET", "/v1/volumes", Query.empty().and("status", "1"), null)), "the reference's example");
        assertEquals(Digests.sha256Hex("POST\n/v1/volumes/gv1/start\n{\"force\": true}".getBytes(StandardCharsets.UTF_8)),
                GlusterJwtSigner.qsh(request("POST", "/v1/volumes/gv1/start", Query.empty(), "{\"force\": true}")));

        RequestSigner signer = RequestSigner.of(new Profile("g", URI.create("http://gw"), Scheme.GLUSTER, "myapp", "appsecret"), CLOCK);
        String token = signer.sign(request("GET", "/v1/volumes", Query.empty(), null)).headers().get("Authorization").substring("Bearer ".length());
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertEquals("{\"iss\":\"myapp\",\"iat\":1700000000,\"exp\":1700000300,\"qsh\":\""
                + Digests.sha256Hex("GET\n/v1/volumes".getBytes(StandardCharsets.UTF_8)) + "\"}", claims);
        byte[] mac = Digests.hmacSha256("appsecret".getBytes(StandardCharsets.UTF_8), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(mac), HexFormat.of().formatHex(Base64.getUrlDecoder().decode(parts[2])), "HS256 with the app secret");
    }

    @Test
    void bearerSendsTheTokenAsIs() {
        RequestSigner signer = RequestSigner.of(new Profile("b", URI.create("http://gw"), Scheme.BEARER, "tok", null), CLOCK);
        assertEquals("Bearer tok", signer.sign(request("GET", "/v0/status", Query.empty(), null)).headers().get("Authorization"));
    }

    @Test
    void queryEncodingLeavesOnlyUnreservedCharacters() {
        assertEquals("aZ09-._~%20%2F%3F%26%3D%C3%A9", Query.encode("aZ09-._~ /?&=é"));
        assertEquals("alias=a%20b&id=1", Query.empty().and("alias", "a b").and("id", "1").and("skipped", null).encoded());
    }
}
