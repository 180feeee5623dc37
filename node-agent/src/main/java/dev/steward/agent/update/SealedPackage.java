package dev.steward.agent.update;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens a Steward update package (docs/update-package.md: {@code STWDUPD1}, a 12-byte nonce, the
 * AES-256-GCM sealing of a ZIP archive) and unpacks its archive into a directory. jobs-service
 * checked the manifest before it accepted the package; the agent trusts only what opens with its
 * own copy of the update key, and extracts with limits, so a package cannot write outside its
 * directory or fill the disk.
 */
public final class SealedPackage {

    static final byte[] MAGIC = "STWDUPD1".getBytes(StandardCharsets.US_ASCII);
    static final int NONCE_BYTES = 12;
    static final int MAX_ENTRIES = 10_000;

    private SealedPackage() {
    }

    /** The package does not open, or its archive is not one the agent will unpack. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Decrypts {@code sealed} and writes its entries under {@code target} (which must not exist yet).
     * GCM verifies the whole package before a byte of it is released, which is why the package is
     * held in memory: callers bound its size against the heap first.
     *
     * @param maxBytes the most the unpacked entries may hold together
     */
    public static void unpack(byte[] key, Path sealed, Path target, long maxBytes) throws IOException, RefusedException {
        byte[] bytes = Files.readAllBytes(sealed);
        if (bytes.length < MAGIC.length + NONCE_BYTES + 16 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new RefusedException("not a Steward update package (it must start with STWDUPD1)");
        }
        byte[] zip;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, Arrays.copyOfRange(bytes, MAGIC.length, MAGIC.length + NONCE_BYTES)));
            cipher.updateAAD(MAGIC);
            zip = cipher.doFinal(bytes, MAGIC.length + NONCE_BYTES, bytes.length - MAGIC.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new RefusedException("the package does not decrypt with this agent's update key (STEWARD_UPDATE_KEY), or it was altered");
        }
        bytes = null; // only the archive is needed from here
        Files.createDirectories(target.getParent());
        Files.createDirectory(target);
        Path root = target.toAbsolutePath().normalize();
        long written = 0;
        int entries = 0;
        try (ZipInputStream archive = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new RefusedException("the package holds more than " + MAX_ENTRIES + " entries");
                }
                Path file = root.resolve(entry.getName()).normalize();
                if (entry.getName().startsWith("/") || entry.getName().contains("\\") || !file.startsWith(root) || file.equals(root)) {
                    throw new RefusedException("the package's entry '" + entry.getName() + "' points outside its directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    written += copy(archive, out, maxBytes - written, entry.getName());
                }
            }
        } catch (java.util.zip.ZipException | java.nio.file.FileAlreadyExistsException e) {
            throw new RefusedException("the package's archive is not a readable ZIP archive: " + e.getMessage());
        }
        if (entries == 0) {
            throw new RefusedException("the package's archive is empty or not a ZIP archive");
        }
        if (!Files.isRegularFile(target.resolve("manifest.json"))) {
            throw new RefusedException("the package has no manifest.json");
        }
    }

    private static long copy(InputStream in, OutputStream out, long allowed, String name) throws IOException, RefusedException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            copied += read;
            if (copied > allowed) {
                throw new RefusedException("the package unpacks to more than the agent's limit (at " + name + ")");
            }
            out.write(buffer, 0, read);
        }
        return copied;
    }
}
