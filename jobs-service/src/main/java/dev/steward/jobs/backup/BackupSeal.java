package dev.steward.jobs.backup;

import dev.steward.common.crypto.Crypto;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Seals backup archives with a key only this installation holds, so that a restore takes only an
 * archive it wrote: the manifest (which lists every part's sha256) gets an HMAC-SHA256 beside it,
 * {@code manifest.json.hmac}. A self-consistent archive made elsewhere, e.g. to plant an admin token
 * in identity's tables, is refused. The key is {@code steward.jobs.backup.key} (STEWARD_BACKUP_KEY,
 * 32 bytes base64; set it to restore onto a new installation), else one made at first use and kept
 * in jobs-service's database, outside every backup.
 */
@Singleton
public class BackupSeal {

    static final String ENTRY = "manifest.json.hmac";

    private final BackupRepository backups;
    private final byte[] configured;

    public BackupSeal(BackupRepository backups, @Nullable @Value("${steward.jobs.backup.key:}") String configured) {
        this.backups = backups;
        this.configured = configured == null || configured.isBlank() ? null : decode(configured);
    }

    private static byte[] decode(String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("steward.jobs.backup.key must be base64 (openssl rand -base64 32)");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("steward.jobs.backup.key must be at least 32 bytes (openssl rand -base64 32)");
        }
        return bytes;
    }

    /** The seal of {@code manifest}, as the archive carries it. */
    @Transactional
    public byte[] seal(byte[] manifest) {
        return mac(key(), manifest).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code seal} is this installation's seal of {@code manifest}. */
    @Transactional
    public boolean verifies(byte[] manifest, @Nullable byte[] seal) {
        return seal != null && Crypto.constantTimeEquals(mac(key(), manifest), new String(seal, StandardCharsets.US_ASCII));
    }

    private byte[] key() {
        if (configured != null) {
            return configured;
        }
        if (backups.installationKey().isEmpty()) {
            backups.offerInstallationKey(Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(Crypto.randomHex(32))));
        }
        return Base64.getDecoder().decode(backups.installationKey().orElseThrow().secret());
    }

    private static String mac(byte[] key, byte[] manifest) {
        return Crypto.hmacSha256Hex(key, "steward-backup-1\n" + new String(manifest, StandardCharsets.UTF_8));
    }
}
