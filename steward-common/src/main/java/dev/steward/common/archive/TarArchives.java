package dev.steward.common.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** POSIX tar of named files (backup.tar, support bundles), written and read with commons-compress. */
public final class TarArchives {

    private TarArchives() {
    }

    public static byte[] write(Map<String, byte[]> files, long modifiedEpochSeconds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(Instant.ofEpochSecond(modifiedEpochSeconds).toEpochMilli());
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The regular files of a tar stream, by name, in archive order; directories and links are
     * skipped. Stops at the first entry over {@code maxEntries} or {@code maxEntryBytes} (checked
     * from the header, before its content is read).
     */
    public static Map<String, byte[]> read(InputStream in, ArchiveLimits limits) throws ArchiveLimitException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int entries = 0;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw new ArchiveLimitException("the archive has more than " + limits.maxEntries() + " entries");
                }
                if (!entry.isFile()) {
                    continue;
                }
                if (entry.getSize() > limits.maxEntryBytes()) {
                    throw new ArchiveLimitException(entry.getName() + " is " + entry.getSize() + " bytes; entries are limited to "
                            + limits.maxEntryBytes());
                }
                files.put(entry.getName(), tar.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ArchiveLimitException("not a tar archive: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ArchiveLimitException("not a tar archive, or an empty one");
        }
        return files;
    }
}
