package dev.steward.gateway.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostHealthTest {

    @Test
    void sizesReadLikeDfDashH() {
        assertEquals("3.4G", HostHealth.humanSize(3_650_000_000L));
        assertEquals("234G", HostHealth.humanSize(251_000_000_000L));
        assertEquals("260M", HostHealth.humanSize(272_000_000L));
        assertEquals("10M", HostHealth.humanSize(10_480_000L), "9.995M rounds up past one decimal");
        assertEquals("512B", HostHealth.humanSize(512));
        assertEquals(26, HostHealth.usage(260, 1000).percentage());
        assertEquals(0, HostHealth.usage(0, 0).percentage());
    }

    @Test
    void memoryAndLoadComeFromProc(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("meminfo"), """
                MemTotal:        1024000 kB
                MemFree:          100000 kB
                MemAvailable:     768000 kB
                """);
        Files.writeString(proc.resolve("loadavg"), "0.66 0.28 0.14 1/123 4567\n");
        HostHealth.Health health = new HostHealth(proc, proc.toFile()).measure();
        assertEquals(new HostHealth.Usage("250M", "1000M", 25), health.memory(), "used = total - available");
        assertEquals("0.66, 0.28, 0.14", health.cpu().load());
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals((int) Math.min(100, Math.round(0.28 / cpus * 100)), health.cpu().cpu5min());
    }
}
