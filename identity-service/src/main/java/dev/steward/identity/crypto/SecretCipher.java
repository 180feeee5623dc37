package dev.steward.identity.crypto;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secrets that must be recovered later to verify an HMAC (they cannot be stored as hashes)
 * with AES-256-GCM under the key-encryption key {@code STEWARD_KEK}. The purpose is bound as
 * associated data, so a ciphertext moved to another column does not decrypt.
 * Stored form: {@code v1:<base64(nonce || ciphertext+tag)>}.
 */
@Singleton
public class SecretCipher {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(@Value("${steward.identity.kek}") String kekBase64) {
        byte[] kek;
        try {
            kek = Base64.getDecoder().decode(kekBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("steward.identity.kek (STEWARD_KEK) must be base64", e);
        }
        if (kek.length != 32) {
            throw new IllegalStateException("steward.identity.kek (STEWARD_KEK) must be 32 bytes of base64 (openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(kek, "AES");
    }

    public String encrypt(String plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt secret", e);
        }
    }

    public String decrypt(String stored, String purpose) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("unknown secret format");
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt secret: wrong key-encryption key or tampered data", e);
        }
    }
}
