package dev.steward.identity.token;

import dev.steward.common.crypto.Crypto;

import java.util.regex.Pattern;

/** The stored form of a bearer token, and the form the gateway sends to look one up. */
public final class TokenHash {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private TokenHash() {
    }

    public static String of(String token) {
        return Crypto.sha256Hex(token);
    }

    public static boolean isWellFormed(String hash) {
        return hash != null && HEX_SHA256.matcher(hash).matches();
    }
}
