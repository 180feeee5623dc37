package dev.steward.gateway.signing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JidotekiAuthTest {

    /** The reference's own example values (section "HMAC hash authentication"). */
    static final String TOKEN = "yourtoken";
    static final String SECRET_KEY = "13e2ff941bbc8692cad141c8d293dda2c4f1c1a3c51b93d54f1a1693e1206107";
    static final String VERSION_HASH = "b714a60732e096ccef06e360eefe0f1ba4fa5d16ef7da726612e2026e5523241";

    @Test
    void referenceExampleKnownAnswers() {
        assertEquals(SECRET_KEY, JidotekiAuth.secretKey(TOKEN));
        assertEquals(VERSION_HASH, JidotekiAuth.hash(SECRET_KEY, "GET", "/api/v1/admin/version"));
        assertTrue(JidotekiAuth.hashMatches(SECRET_KEY, "GET", "/api/v1/admin/version", VERSION_HASH));
        assertTrue(JidotekiAuth.hashMatches(SECRET_KEY, "GET", "/api/v1/admin/version", VERSION_HASH.toUpperCase()));
        assertTrue(JidotekiAuth.tokenMatches(SECRET_KEY, TOKEN));
    }

    @Test
    void tamperingIsRejected() {
        assertFalse(JidotekiAuth.hashMatches(SECRET_KEY, "POST", "/api/v1/admin/version", VERSION_HASH), "method");
        assertFalse(JidotekiAuth.hashMatches(SECRET_KEY, "GET", "/api/v1/admin/versions", VERSION_HASH), "path");
        assertFalse(JidotekiAuth.hashMatches(JidotekiAuth.secretKey("othertoken"), "GET", "/api/v1/admin/version", VERSION_HASH), "key");
        assertFalse(JidotekiAuth.hashMatches(SECRET_KEY, "GET", "/api/v1/admin/version", VERSION_HASH.substring(1)), "truncated");
        assertFalse(JidotekiAuth.hashMatches(SECRET_KEY, "GET", "/api/v1/admin/version", null), "missing");
        assertFalse(JidotekiAuth.tokenMatches(SECRET_KEY, "yourtoken "), "token with a trailing space");
        assertFalse(JidotekiAuth.tokenMatches(SECRET_KEY, SECRET_KEY), "the secret key is not the token");
    }
}
