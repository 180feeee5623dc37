package dev.steward.common.security;

import dev.steward.common.crypto.Crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The internal JWT's keys: ES256, so a P-256 pair. The gateways hold the private key and sign; the
 * services hold only the public key and verify, so no service can mint a token another one accepts.
 * Configured as PEM or as the base64 of the DER encoding (what {@code scripts/compose-env.sh} writes).
 */
public final class InternalJwtKeys {

    private static final int P256_FIELD_BITS = 256;

    private InternalJwtKeys() {
    }

    public static ECPrivateKey privateKey(String configured) {
        return p256((ECPrivateKey) Crypto.privateKey(configured, "EC"), "steward.internal-jwt.private-key");
    }

    public static ECPublicKey publicKey(String configured) {
        return p256((ECPublicKey) Crypto.publicKey(configured, "EC"), "steward.internal-jwt.public-key");
    }

    /** A fresh pair (scripts generate theirs with openssl; tests and tools with this). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
        }
    }

    /** The base64 DER form the configuration takes. */
    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static <K extends ECKey> K p256(K key, String property) {
        if (key.getParams().getCurve().getField().getFieldSize() != P256_FIELD_BITS) {
            throw new IllegalArgumentException(property + " must be a P-256 (secp256r1) key for ES256");
        }
        return key;
    }
}
