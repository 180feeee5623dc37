package dev.steward.gateway.signing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlusterJwtTest {

    static final Duration SKEW = Duration.ofSeconds(30);
    static final Instant NOW = Instant.ofEpochSecond(1700000100L);
    /** Built like the reference's Python example (app "myapp", secret "myappsecret", GET /v1/volumes). */
    static final String REFERENCE_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
            + "eyJpc3MiOiJteWFwcCIsInFzaCI6Ijg3NDZhZjNkOTAyNGRmNjU0YmUyZjJlMzU4M2I3ZTQ0ZDc4MWY4NWE2YzMwNjVkYzZiZmU2NTQwNzAyMGY0YWMiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDMwMH0."
            + "prqOCEnw9-dYEKepoOXUMNa8YPTbCuVX5jdr-chvV0o";

    @Test
    void qshKnownAnswersForTheReferenceExamples() {
        assertEquals("8746af3d9024df654be2f2e3583b7e44d781f85a6c3065dc6bfe65407020f4ac", GlusterJwt.qsh("GET", "/v1/volumes", null, null));
        assertEquals("1d26241428b8793fab6edbebfa11e65bd3a3455d4aa59438cdee79fba0a000c8", GlusterJwt.qsh("GET", "/v1/volumes", "status=1", null));
        assertEquals("006279b763c3a7d133cf2b8140c1bdec28c5431b30e817817a2119f1cf0dc07a",
                GlusterJwt.qsh("POST", "/v1/volumes/gv1/start", null, "{\"force\": true}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenSignedLikeTheReferenceVerifies() {
        assertTrue(GlusterJwt.looksLikeJwt(REFERENCE_TOKEN));
        GlusterJwt.Token token = GlusterJwt.parse(REFERENCE_TOKEN).orElseThrow();
        assertEquals("myapp", token.issuer());
        assertEquals(Optional.empty(), GlusterJwt.verify(token, "myappsecret", GlusterJwt.qsh("GET", "/v1/volumes", null, null), NOW, SKEW));
    }

    @Test
    void tamperedOrStaleTokensAreRejected() {
        GlusterJwt.Token token = GlusterJwt.parse(REFERENCE_TOKEN).orElseThrow();
        String qsh = GlusterJwt.qsh("GET", "/v1/volumes", null, null);
        assertEquals(Optional.of(GlusterJwt.Failure.BAD_SIGNATURE), GlusterJwt.verify(token, "otherSecret", qsh, NOW, SKEW));
        assertEquals(Optional.of(GlusterJwt.Failure.WRONG_QSH),
                GlusterJwt.verify(token, "myappsecret", GlusterJwt.qsh("DELETE", "/v1/volumes", null, null), NOW, SKEW), "method");
        assertEquals(Optional.of(GlusterJwt.Failure.WRONG_QSH),
                GlusterJwt.verify(token, "myappsecret", GlusterJwt.qsh("GET", "/v1/peers", null, null), NOW, SKEW), "path");
        assertEquals(Optional.of(GlusterJwt.Failure.WRONG_QSH),
                GlusterJwt.verify(token, "myappsecret", GlusterJwt.qsh("GET", "/v1/volumes", "status=1", null), NOW, SKEW), "query");
        assertEquals(Optional.of(GlusterJwt.Failure.WRONG_QSH),
                GlusterJwt.verify(token, "myappsecret", GlusterJwt.qsh("GET", "/v1/volumes", null, "{}".getBytes(StandardCharsets.UTF_8)), NOW, SKEW), "body");
        assertEquals(Optional.of(GlusterJwt.Failure.EXPIRED),
                GlusterJwt.verify(token, "myappsecret", qsh, Instant.ofEpochSecond(1700000300L + 31), SKEW));
        assertEquals(Optional.of(GlusterJwt.Failure.NOT_YET_VALID),
                GlusterJwt.verify(token, "myappsecret", qsh, Instant.ofEpochSecond(1700000000L - 31), SKEW));

        String payloadSwapped = REFERENCE_TOKEN.replace("eyJpc3MiOiJteWFwcCIs", "eyJpc3MiOiJteWFwcSIs");
        GlusterJwt.Token swapped = GlusterJwt.parse(payloadSwapped).orElseThrow();
        assertEquals("myapq", swapped.issuer());
        assertEquals(Optional.of(GlusterJwt.Failure.BAD_SIGNATURE), GlusterJwt.verify(swapped, "myappsecret", qsh, NOW, SKEW));
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("myapp").issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60)))
                .claim("qsh", GlusterJwt.qsh("GET", "/v1/volumes", null, null)).build();
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
        hs512.sign(new MACSigner("myappsecret-myappsecret-myappsecret-myappsecret-myappsecret-64byte"));
        assertEquals(Optional.of(GlusterJwt.Failure.WRONG_ALGORITHM), GlusterJwt.verify(GlusterJwt.parse(hs512.serialize()).orElseThrow(),
                "myappsecret-myappsecret-myappsecret-myappsecret-myappsecret-64byte", GlusterJwt.qsh("GET", "/v1/volumes", null, null), NOW, SKEW));

        String unsigned = "eyJhbGciOiJub25lIn0." + REFERENCE_TOKEN.split("\\.")[1] + ".";
        assertTrue(GlusterJwt.parse(unsigned).isEmpty(), "alg none is not even parsed as a signed token");

        JWTClaimsSet noQsh = new JWTClaimsSet.Builder().issuer("myapp").issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60))).build();
        SignedJWT missing = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), noQsh);
        missing.sign(new MACSigner("0123456789abcdef0123456789abcdef"));
        assertEquals(Optional.of(GlusterJwt.Failure.MISSING_CLAIM), GlusterJwt.verify(GlusterJwt.parse(missing.serialize()).orElseThrow(),
                "0123456789abcdef0123456789abcdef", GlusterJwt.qsh("GET", "/v1/volumes", null, null), NOW, SKEW));
    }
}
