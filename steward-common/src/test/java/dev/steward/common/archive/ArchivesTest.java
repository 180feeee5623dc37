package dev.steward.common.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchivesTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(4, 1024, 4096);

    private static Map<String, byte[]> read(byte[] tar, ArchiveLimits limits) throws ArchiveLimitException {
        return TarArchives.read(new ByteArrayInputStream(tar), limits);
    }

    @Test
    void filesComeBackInOrderWithLongNames() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("a/" + "long-name-".repeat(15) + ".json.gz", new byte[]{1, 2, 3});
        files.put("empty", new byte[0]);
        Map<String, byte[]> read = read(TarArchives.write(files, 1_700_000_000L), LIMITS);
        assertEquals(files.keySet().stream().toList(), read.keySet().stream().toList());
        files.forEach((name, content) -> assertArrayEquals(content, read.get(name), name));
    }

    /** The seal covers the entries' contents; a flipped byte anywhere else must not pass as a whole archive either. */
    @Test
    void aDamagedByteOutsideTheContentsIsRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{\"parts\":1}".getBytes(StandardCharsets.UTF_8));
        files.put("cluster.json.gz", new byte[700]);
        byte[] tar = TarArchives.write(files, 1_700_000_000L);
        assertEquals(files.keySet(), read(tar, LIMITS).keySet(), "the archive as written reads");
        int afterManifest = 512 + "{\"parts\":1}".length() + 3; // in the manifest's padding
        int inTheTrailer = tar.length - 100;                     // after the end-of-archive blocks
        int afterTheLast = 1024 + 512 + 700 + 10;                // in the last entry's padding
        for (int offset : new int[] {afterManifest, inTheTrailer, afterTheLast}) {
            byte[] damaged = tar.clone();
            damaged[offset] ^= 0x5a;
            ArchiveLimitException refused = assertThrows(ArchiveLimitException.class, () -> read(damaged, LIMITS), "offset " + offset);
            assertTrue(refused.getMessage().contains("damaged") || refused.getMessage().contains("not a tar"), refused.getMessage());
        }
    }

    /**
     * Exhaustive: whichever single byte of an archive is damaged, reading it either fails or yields
     * other names or contents, which the backup's seal and sha256s then refuse. Nothing outside the
     * contents may change unnoticed.
     */
    @Test
    void everySingleDamagedByteIsRefusedOrChangesWhatIsRead() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{\"parts\":1}".getBytes(StandardCharsets.UTF_8));
        files.put("manifest.json.hmac", "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        files.put("cluster.json.gz", new byte[700]);
        files.put("parts/" + "long-name-".repeat(12) + ".gz", new byte[3]); // a pax header and its records before it
        byte[] tar = TarArchives.write(files, 1_700_000_000L);
        java.util.List<String> unnoticed = new java.util.ArrayList<>();
        for (int offset = 0; offset < tar.length; offset++) {
            for (int flip : new int[] {0x5a, 0x01, 0x80}) {
                byte[] damaged = tar.clone();
                damaged[offset] ^= (byte) flip;
                Map<String, byte[]> read;
                try {
                    read = read(damaged, LIMITS);
                } catch (ArchiveLimitException refused) {
                    continue;
                }
                boolean same = read.keySet().equals(files.keySet())
                        && files.entrySet().stream().allMatch(file -> java.util.Arrays.equals(file.getValue(), read.get(file.getKey())));
                if (same) {
                    unnoticed.add(offset + "^" + Integer.toHexString(flip));
                }
            }
        }
        assertEquals(java.util.List.of(), unnoticed.subList(0, Math.min(20, unnoticed.size())),
                unnoticed.size() + " damaged copies read as the original archive (offset^flip; the first 20), of " + tar.length + " bytes");
    }

    @Test
    void limitsAreCheckedBeforeContentIsRead() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("f" + i, new byte[1]);
        }
        assertTrue(assertThrows(ArchiveLimitException.class, () -> read(TarArchives.write(many, 0), LIMITS)).getMessage()
                .contains("more than 4 entries"));
        assertTrue(assertThrows(ArchiveLimitException.class, () -> read(TarArchives.write(Map.of("big", new byte[1025]), 0), LIMITS))
                .getMessage().contains("big is 1025 bytes"));
        assertThrows(ArchiveLimitException.class, () -> read("not a tar at all".repeat(100).getBytes(StandardCharsets.UTF_8), LIMITS));
        assertThrows(ArchiveLimitException.class, () -> read(new byte[0], LIMITS));
    }

    @Test
    void gunzipStopsAtItsLimit() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
            out.write(new byte[1 << 20]);
        }
        assertTrue(bomb.size() < 2048, "1 MiB of zeros is " + bomb.size() + " bytes gzipped");
        assertTrue(assertThrows(ArchiveLimitException.class, () -> BoundedGzip.gunzip(bomb.toByteArray(), 4096)).getMessage()
                .contains("expands to more than 4096 bytes"));
        assertEquals(1 << 20, BoundedGzip.gunzip(bomb.toByteArray(), 1 << 20).length, "exactly at the limit is fine");
        assertThrows(ArchiveLimitException.class, () -> BoundedGzip.gunzip("plain".getBytes(StandardCharsets.UTF_8), 4096));
    }
}
