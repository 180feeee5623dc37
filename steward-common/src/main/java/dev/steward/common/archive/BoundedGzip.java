package dev.steward.common.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gunzip that stops at a size: a gzip bomb (megabytes that expand to gigabytes) is refused, not inflated. */
public final class BoundedGzip {

    private BoundedGzip() {
    }

    /** @throws ArchiveLimitException when {@code gzipped} is not gzip or expands beyond {@code maxBytes} */
    public static byte[] gunzip(byte[] gzipped, long maxBytes) throws ArchiveLimitException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(gzipped.length * 4, 1 << 20));
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new ArchiveLimitException("expands to more than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ArchiveLimitException("not gzip: " + e.getMessage());
        }
    }
}
