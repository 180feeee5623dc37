package dev.steward.cli.sign;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Jidoteki's hash authentication, so the token itself never travels: {@code ?hash=} is HMAC-SHA256 of
 * {@code METHOD + path}, keyed with sha256hex(token).
 */
final class JidotekiHashSigner implements RequestSigner {

    private final String secretKey;

    JidotekiHashSigner(String token) {
        this.secretKey = Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String secretKey, String method, String path) {
        return Digests.hmacSha256Hex(secretKey, method + path);
    }

    @Override
    public Signature sign(Request request) {
        return new Signature(Map.of("hash", hash(secretKey, request.method(), request.path())), Map.of());
    }
}
