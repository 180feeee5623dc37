package dev.steward.jobs.update;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Steward's update package (docs/update-package.md): the magic {@code STWDUPD1}, a 12-byte nonce and
 * the AES-256-GCM encryption (key {@code STEWARD_UPDATE_KEY}, the magic as associated data) of a ZIP
 * archive holding {@code manifest.json} ({@code version}, {@code builddate}, optional
 * {@code requires}), an optional {@code CHANGELOG.md} and the payload for the nodes. GCM
 * authenticates: a package that was not made with the key, or was changed, does not open.
 */
public final class UpdatePackage {

    static final byte[] MAGIC = "STWDUPD1".getBytes(StandardCharsets.US_ASCII);
    static final int NONCE_BYTES = 12;
    static final int MAX_MANIFEST_BYTES = 64 * 1024;
    static final int MAX_CHANGELOG_BYTES = 1024 * 1024;

    private UpdatePackage() {
    }

    public record Manifest(String version, String builddate, @Nullable String requires) {
    }

    public record Contents(Manifest manifest, @Nullable String changelog) {
    }

    /** The package cannot be decrypted or extracted (E1005). */
    public static final class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message);
        }
    }

    /** The manifest's versions are wrong (E1001). */
    public static final class VersionException extends Exception {
        VersionException(String message) {
            super(message);
        }
    }

    public static byte[] seal(byte[] key, byte[] zip) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            byte[] sealed = cipher.doFinal(zip);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(MAGIC);
            out.write(nonce);
            out.write(sealed);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal the package", e);
        }
    }

    public static Contents open(byte[] key, byte[] sealed, JsonMapper json) throws UnreadableException, VersionException {
        if (sealed.length < MAGIC.length + NONCE_BYTES + 16 || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
            throw new UnreadableException("not a Steward update package (it must start with STWDUPD1)");
        }
        byte[] zip;
        try {
            byte[] nonce = Arrays.copyOfRange(sealed, MAGIC.length, MAGIC.length + NONCE_BYTES);
            zip = cipher(Cipher.DECRYPT_MODE, key, nonce).doFinal(sealed, MAGIC.length + NONCE_BYTES, sealed.length - MAGIC.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("the package does not decrypt with this installation's update key (or it was altered)");
        }
        byte[] manifest = null;
        byte[] changelog = null;
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = entries.getNextEntry()) != null) {
                any = true;
                if (entry.getName().equals("manifest.json")) {
                    manifest = read(entries, MAX_MANIFEST_BYTES, "manifest.json");
                } else if (entry.getName().equals("CHANGELOG.md")) {
                    changelog = read(entries, MAX_CHANGELOG_BYTES, "CHANGELOG.md");
                }
            }
            if (!any) {
                throw new UnreadableException("the decrypted package is not a ZIP archive");
            }
        } catch (IOException e) {
            throw new UnreadableException("the decrypted package is not a readable ZIP archive: " + e.getMessage());
        }
        if (manifest == null) {
            throw new UnreadableException("the package has no manifest.json");
        }
        return new Contents(manifest(manifest, json), changelog == null ? null : new String(changelog, StandardCharsets.UTF_8));
    }

    private static Manifest manifest(byte[] bytes, JsonMapper json) throws UnreadableException, VersionException {
        JsonNode node;
        try {
            node = json.readValue(bytes, JsonNode.class);
        } catch (IOException e) {
            throw new UnreadableException("manifest.json is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableException("manifest.json is not a JSON object");
        }
        String version = text(node, "version");
        if (version == null || !Versions.valid(version)) {
            throw new VersionException("manifest.json needs a version of 1 to 4 dot-separated numbers, got " + version);
        }
        String requires = text(node, "requires");
        if (requires != null && !Versions.valid(requires)) {
            throw new VersionException("manifest.json's requires must be a version, got " + requires);
        }
        String builddate = text(node, "builddate");
        if (builddate == null || builddate.isBlank()) {
            throw new UnreadableException("manifest.json has no builddate");
        }
        return new Manifest(version, builddate, requires);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.getStringValue() : value.isNumber() ? value.getNumberValue().toString() : null;
    }

    private static byte[] read(ZipInputStream entries, int limit, String name) throws IOException, UnreadableException {
        byte[] content = entries.readNBytes(limit + 1);
        if (content.length > limit) {
            throw new UnreadableException(name + " is larger than " + limit + " bytes");
        }
        return content;
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(MAGIC);
        return cipher;
    }
}
