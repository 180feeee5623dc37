package dev.steward.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The stored form of a bearer token, and the form the gateway sends to look one up. */
public final class TokenHash {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private TokenHash() {
    }

    public static String of(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isWellFormed(String hash) {
        return hash != null && HEX_SHA256.matcher(hash).matches();
    }
}
