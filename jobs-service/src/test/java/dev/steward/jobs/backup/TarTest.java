package dev.steward.jobs.backup;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TarTest {

    @Test
    void filesComeBackAsWritten() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("empty", new byte[0]);
        files.put("exactly-one-block", new byte[512]);
        files.put("a/b/big.bin", new byte[1500]);
        Map<String, byte[]> read = Tar.read(Tar.write(files, 1_700_000_000L));
        assertEquals(files.keySet(), read.keySet());
        files.forEach((name, content) -> assertArrayEquals(content, read.get(name), name));
        assertEquals(0, Tar.write(files, 0).length % 512);
    }

    @Test
    void damagedArchivesAreRefused() {
        byte[] tar = Tar.write(Map.of("f", "content".getBytes(StandardCharsets.UTF_8)), 0);
        byte[] header = tar.clone();
        header[10] ^= 1;
        assertThrows(Tar.InvalidTarException.class, () -> Tar.read(header), "checksum");
        assertThrows(Tar.InvalidTarException.class, () -> Tar.read(Arrays.copyOf(tar, 600)), "truncated");
        assertThrows(Tar.InvalidTarException.class, () -> Tar.read("not a tar at all".repeat(64).getBytes()), "not a tar");
        assertThrows(Tar.InvalidTarException.class, () -> Tar.read(new byte[10]), "too short");
    }
}
