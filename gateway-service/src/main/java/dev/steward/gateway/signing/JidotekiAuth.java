package dev.steward.gateway.signing;

import dev.steward.common.crypto.Crypto;

import java.nio.charset.StandardCharsets;

/**
 * Jidoteki admin API authentication: {@code ?token=<token>}, or {@code ?hash=<HMAC-SHA256 keyed with
 * sha256hex(token) over METHOD + path>} (e.g. {@code GET/api/v1/admin/version}). Steward stores only
 * the secret key sha256hex(token), encrypted; both forms verify against it.
 */
public final class JidotekiAuth {

    private JidotekiAuth() {
    }

    /** The HMAC key the reference derives from the token: the hex SHA-256 of it, used as ASCII text. */
    public static String secretKey(String token) {
        return Crypto.sha256Hex(token);
    }

    public static String hash(String secretKey, String method, String path) {
        return Crypto.hmacSha256Hex(secretKey.getBytes(StandardCharsets.US_ASCII), method + path);
    }

    public static boolean tokenMatches(String secretKey, String presentedToken) {
        return Crypto.constantTimeEquals(secretKey, secretKey(presentedToken));
    }

    public static boolean hashMatches(String secretKey, String method, String path, String presentedHash) {
        return presentedHash != null && Crypto.constantTimeEquals(hash(secretKey, method, path), presentedHash.toLowerCase(java.util.Locale.ROOT));
    }
}
