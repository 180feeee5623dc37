package dev.steward.common.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The primitives every scheme uses: SHA-256, HMAC-SHA256, and comparison in constant time. */
public final class Crypto {

    private Crypto() {
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    /** A fresh SHA-256 digest, for hashing a stream as it is read. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hmacSha256Hex(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code bytes} random bytes from a CSPRNG, as lowercase hex (ids, secrets, tokens). */
    public static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** Equal strings in time that depends only on their lengths, not on where they first differ. */
    public static boolean constantTimeEquals(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A public key as operators configure one: PEM ({@code -----BEGIN PUBLIC KEY-----}) or the bare
     * base64 of its X.509 encoding.
     *
     * @throws IllegalArgumentException when it is not a key of {@code algorithm}
     */
    public static java.security.PublicKey publicKey(String configured, String algorithm) {
        try {
            return java.security.KeyFactory.getInstance(algorithm)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(der(configured, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an " + algorithm + " public key: " + e.getMessage(), e);
        }
    }

    /**
     * A private key as operators configure one: PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}, what
     * {@code openssl genpkey} writes) or the bare base64 of its DER encoding.
     *
     * @throws IllegalArgumentException when it is not a key of {@code algorithm}
     */
    public static java.security.PrivateKey privateKey(String configured, String algorithm) {
        try {
            return java.security.KeyFactory.getInstance(algorithm)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der(configured, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an " + algorithm + " private key (PKCS#8): " + e.getMessage(), e);
        }
    }

    /** The DER bytes of a configured key: PEM with this {@code label}, or bare base64 (whitespace ignored). */
    private static byte[] der(String configured, String label) {
        return java.util.Base64.getDecoder().decode(configured.replace("-----BEGIN " + label + "-----", "")
                .replace("-----END " + label + "-----", "").replaceAll("\\s", ""));
    }
}
