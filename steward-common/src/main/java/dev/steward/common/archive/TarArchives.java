package dev.steward.common.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
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
            Between between = new Between(in);
            TarArchiveInputStream tar = new TarArchiveInputStream(between);
            for (TarArchiveEntry entry = between.next(tar, 0); entry != null; entry = between.next(tar, entry.getSize())) {
                if (++entries > limits.maxEntries()) {
                    throw new ArchiveLimitException("the archive has more than " + limits.maxEntries() + " entries");
                }
                if (entry.getSize() > limits.maxEntryBytes()) {
                    throw new ArchiveLimitException(entry.getName() + " is " + entry.getSize() + " bytes; entries are limited to "
                            + limits.maxEntryBytes());
                }
                if (!entry.isFile()) {
                    tar.skip(entry.getSize()); // consumed here, so only padding lies between it and the next
                    continue;
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

    /**
     * Sees the bytes the tar reader consumes between two entries' contents: the padding after an
     * entry (to its 512-byte block) and, after the last, the end-of-archive blocks and the rest of the
     * record. Those must be zeros: the seal of a backup covers the entries' contents, not these bytes,
     * and commons-compress skips them unread, so a damaged archive would otherwise pass as whole.
     */
    private static final class Between extends FilterInputStream {

        private static final int BLOCK = 512;
        /** Headers and the final record fit well within this; a longer run between contents is refused. */
        private static final int MAX = 1 << 20;
        /** Where a POSIX header keeps its size and type (after name 100, mode 8, uid 8, gid 8; after mtime 12 and checksum 8). */
        private static final int SIZE_OFFSET = 124;
        private static final int TYPE_OFFSET = 156;
        /** Header types whose data (pax records, GNU long names) lies between them and the entry's own header. */
        private static final String EXTENDED = new String(new byte[] {TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, TarConstants.LF_GNUTYPE_LONGNAME, TarConstants.LF_GNUTYPE_LONGLINK},
                java.nio.charset.StandardCharsets.US_ASCII);

        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private boolean capturing;

        Between(InputStream in) {
            super(in);
        }

        /** The next entry, having checked what lay between the previous entry's {@code size} bytes and it. */
        TarArchiveEntry next(TarArchiveInputStream tar, long previousSize) throws IOException {
            seen.reset();
            capturing = true;
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
                if (entry == null) {
                    in.transferTo(this.sink()); // whatever follows the end-of-archive blocks
                }
            } finally {
                capturing = false;
            }
            byte[] between = seen.toByteArray();
            int padding = (int) ((BLOCK - previousSize % BLOCK) % BLOCK);
            int mustBeZero = entry == null ? between.length : Math.min(padding, between.length);
            for (int i = 0; i < mustBeZero; i++) {
                if (between[i] != 0) {
                    throw new IOException("damaged: a non-zero byte in the " + (entry == null ? "end of the archive" : "padding before "
                            + entry.getName()));
                }
            }
            if (entry != null) {
                checkHeaders(between, mustBeZero, entry.getName());
            }
            return entry;
        }

        /**
         * The header blocks from {@code from} on (extended headers, their data, then the entry's own
         * header) must carry their checksums: commons-compress does not check them, so a damaged mode,
         * time or the unused end of a name would otherwise read as the original.
         */
        private static void checkHeaders(byte[] between, int from, String name) throws IOException {
            int at = from;
            while (at < between.length) {
                if (between.length - at < BLOCK) {
                    throw new IOException("damaged: a partial header before " + name);
                }
                byte[] header = java.util.Arrays.copyOfRange(between, at, at + BLOCK);
                if (!TarUtils.verifyCheckSum(header)) {
                    throw new IOException("damaged: the header checksum of " + name + " does not match");
                }
                byte type = header[TYPE_OFFSET];
                long data = EXTENDED.indexOf(type) >= 0 ? TarUtils.parseOctalOrBinary(header, SIZE_OFFSET, TarConstants.SIZELEN) : 0;
                int padded = (int) ((data + BLOCK - 1) / BLOCK * BLOCK);
                for (int i = at + BLOCK + (int) data; i < Math.min(at + BLOCK + padded, between.length); i++) {
                    if (between[i] != 0) {
                        throw new IOException("damaged: a non-zero byte in the padding of an extended header before " + name);
                    }
                }
                at += BLOCK + padded;
            }
        }

        private java.io.OutputStream sink() {
            return new java.io.OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    capture(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    capture(b, off, len);
                }
            };
        }

        private void capture(byte[] b, int off, int len) throws IOException {
            if (capturing && len > 0) {
                if (seen.size() + len > MAX) {
                    throw new IOException("more than " + MAX + " bytes between two entries");
                }
                seen.write(b, off, len);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                capture(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                capture(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }
    }
}
