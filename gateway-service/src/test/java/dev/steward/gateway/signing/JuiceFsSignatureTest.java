package dev.steward.gateway.signing;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers computed with the reference's Python {@code sign()} and the secret from its example;
 * the expected strings below are that function's output.
 */
class JuiceFsSignatureTest {

    static final String SECRET = "5f0c5a5d51515947788fa7b8244acebe166aedd9de28b26ef716888a613c3d92";
    static final long TS = 1700000000L;
    static final String HOST = "localhost:8080";
    static final byte[] EXPORT_BODY = ("{\"desc\": \"for mount\", \"iprange\": \"192.168.0.1/24\", \"apionly\": false, "
            + "\"readonly\": false, \"appendonly\": false}").getBytes(StandardCharsets.UTF_8);

    private static String sign(String method, String path, String host, String query, byte[] body) {
        return JuiceFsSignature.sign(SECRET, JuiceFsSignature.canonicalRequest(TS, method, path, host, query, body));
    }

    @Test
    void knownAnswersFromTheReferenceClient() {
        assertEquals("1700000000\nGET\n/api/v1/volumes\nhost:localhost:8080\n\n",
                JuiceFsSignature.canonicalRequest(TS, "GET", "/api/v1/volumes", HOST, null, null));
        assertEquals("863051e25f5813a3acf31c4f84d9aeca88cacd8778ecf73939cc1207afffae3f",
                sign("GET", "/api/v1/volumes", HOST, null, new byte[0]));
        assertEquals("fc706e4ffa968b5dbe187614e224bf568c5226a69de2124681c33b8f67322766",
                sign("POST", "/api/v1/volumes/1/exports", HOST, null, EXPORT_BODY));
        // requests sends the query form-encoded (space as '+'); the signature covers it RFC 3986-encoded and sorted.
        assertEquals("1700000000\nGET\n/api/v1/volumes\nhost:localhost:8080\na=x%20y%2Fz&b=1&b=2&c~=%C3%BC\n",
                JuiceFsSignature.canonicalRequest(TS, "GET", "/api/v1/volumes", HOST, "b=2&b=1&a=x+y%2Fz&c~=%C3%BC", null));
        assertEquals("bb205bae6b304092503ab17311f1ffc5c2ffe5a783429389582d1cadb574edbf",
                sign("GET", "/api/v1/volumes", HOST, "b=2&b=1&a=x+y%2Fz&c~=%C3%BC", null));
    }

    @Test
    void eachSignedPartIsCovered() {
        String good = sign("POST", "/api/v1/volumes/1/exports", HOST, "a=1", EXPORT_BODY);
        String canonical = JuiceFsSignature.canonicalRequest(TS, "POST", "/api/v1/volumes/1/exports", HOST, "a=1", EXPORT_BODY);
        assertTrue(JuiceFsSignature.signatureMatches(SECRET, canonical, good));
        assertTrue(JuiceFsSignature.signatureMatches(SECRET, canonical, good.toUpperCase()));

        assertFalse(JuiceFsSignature.signatureMatches(SECRET,
                JuiceFsSignature.canonicalRequest(TS, "PUT", "/api/v1/volumes/1/exports", HOST, "a=1", EXPORT_BODY), good), "method");
        assertFalse(JuiceFsSignature.signatureMatches(SECRET,
                JuiceFsSignature.canonicalRequest(TS, "POST", "/api/v1/volumes/2/exports", HOST, "a=1", EXPORT_BODY), good), "path");
        assertFalse(JuiceFsSignature.signatureMatches(SECRET,
                JuiceFsSignature.canonicalRequest(TS, "POST", "/api/v1/volumes/1/exports", HOST, "a=2", EXPORT_BODY), good), "query");
        byte[] tampered = EXPORT_BODY.clone();
        tampered[tampered.length - 3] = 'x';
        assertFalse(JuiceFsSignature.signatureMatches(SECRET,
                JuiceFsSignature.canonicalRequest(TS, "POST", "/api/v1/volumes/1/exports", HOST, "a=1", tampered), good), "body");
        assertFalse(JuiceFsSignature.signatureMatches(SECRET,
                JuiceFsSignature.canonicalRequest(TS, "POST", "/api/v1/volumes/1/exports", "evil:8080", "a=1", EXPORT_BODY), good), "host");
        assertFalse(JuiceFsSignature.signatureMatches(SECRET,
                JuiceFsSignature.canonicalRequest(TS + 1, "POST", "/api/v1/volumes/1/exports", HOST, "a=1", EXPORT_BODY), good), "timestamp");
        assertFalse(JuiceFsSignature.signatureMatches("other-secret", canonical, good), "secret");
    }

    @Test
    void authorizationHeaderIsTheReferenceClientsBase64Json() {
        // The exact header the reference client builds (json.dumps with its default separators).
        String header = "eyJhY2Nlc3Nfa2V5IjogImFjNzQxODQwMmNlMGNlODM4YmE4N2ViM2E2YmU3MmFmMzEzY2Q3MDI4ZTE4MDA3Nzk5YzBkNTY1MWMzMjY5MjUi"
                + "LCAidGltZXN0YW1wIjogMTcwMDAwMDAwMCwgInNpZ25hdHVyZSI6ICJTSUciLCAidmVyc2lvbiI6IDF9";
        JuiceFsSignature.Authorization authorization = JuiceFsSignature.parse(header, JsonMapper.createDefault()).orElseThrow();
        assertEquals("ac7418402ce0ce838ba87eb3a6be72af313cd7028e18007799c0d5651c326925", authorization.access_key());
        assertEquals(TS, authorization.timestamp());
        assertEquals("SIG", authorization.signature());

        JsonMapper json = JsonMapper.createDefault();
        assertTrue(JuiceFsSignature.parse("Bearer abc", json).isEmpty(), "not base64 JSON");
        assertTrue(JuiceFsSignature.parse("bm90IGpzb24=", json).isEmpty(), "base64 of non-JSON");
        String version2 = java.util.Base64.getEncoder().encodeToString(
                "{\"access_key\":\"a\",\"timestamp\":1,\"signature\":\"s\",\"version\":2}".getBytes(StandardCharsets.UTF_8));
        assertTrue(JuiceFsSignature.parse(version2, json).isEmpty(), "only version 1 is defined");
    }

    @Test
    void timestampsOutsideTheSkewWindowAreRejected() {
        Instant now = Instant.ofEpochSecond(TS);
        Duration window = Duration.ofMinutes(5);
        assertTrue(JuiceFsSignature.withinSkew(TS - 300, now, window));
        assertTrue(JuiceFsSignature.withinSkew(TS + 300, now, window));
        assertFalse(JuiceFsSignature.withinSkew(TS - 301, now, window));
        assertFalse(JuiceFsSignature.withinSkew(TS + 301, now, window));
    }
}
