package dev.steward.gateway.system;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Jidoteki {@code GET /health}: disk, memory and CPU of the machine this gateway runs on, in the
 * reference's shape. Disk is the root file system; memory "used" is total minus available (as
 * {@code free} counts it); {@code cpu5min} is the 5-minute load as a percentage of the CPUs, at most 100.
 */
@Singleton
public class HostHealth {

    @Serdeable
    public record Usage(String used, String total, int percentage) {
    }

    @Serdeable
    public record Cpu(int num, String load, int cpu5min) {
    }

    @Serdeable
    public record Health(Usage disk, Usage memory, Cpu cpu) {
    }

    private final Path procDir;
    private final File root;

    public HostHealth() {
        this(Path.of("/proc"), new File("/"));
    }

    HostHealth(Path procDir, File root) {
        this.procDir = procDir;
        this.root = root;
    }

    public Health measure() {
        long diskTotal = root.getTotalSpace();
        long diskUsed = diskTotal - root.getFreeSpace();
        long[] memory = memory();
        int cpus = Runtime.getRuntime().availableProcessors();
        double[] load = load();
        String loadText = String.format(Locale.ROOT, "%.2f, %.2f, %.2f", load[0], load[1], load[2]);
        int cpu5min = (int) Math.min(100, Math.round(load[1] / cpus * 100));
        return new Health(usage(diskUsed, diskTotal), usage(memory[1], memory[0]), new Cpu(cpus, loadText, cpu5min));
    }

    /** {total, used} in bytes, from /proc/meminfo where there is one. */
    private long[] memory() {
        try {
            long total = -1;
            long available = -1;
            for (String line : Files.readAllLines(procDir.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kilobytes(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kilobytes(line);
                }
            }
            if (total > 0 && available >= 0) {
                return new long[] {total, total - available};
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through to the JVM's view
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new long[] {os.getTotalMemorySize(), os.getTotalMemorySize() - os.getFreeMemorySize()};
    }

    private static long kilobytes(String meminfoLine) {
        return Long.parseLong(meminfoLine.replaceAll("[^0-9]", "")) * 1024;
    }

    /** The 1, 5 and 15 minute load averages. */
    private double[] load() {
        try {
            List<String> fields = List.of(Files.readString(procDir.resolve("loadavg")).trim().split("\\s+"));
            return new double[] {Double.parseDouble(fields.get(0)), Double.parseDouble(fields.get(1)), Double.parseDouble(fields.get(2))};
        } catch (IOException | RuntimeException notLinux) {
            double one = Math.max(0, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return new double[] {one, one, one};
        }
    }

    static Usage usage(long used, long total) {
        return new Usage(humanSize(used), humanSize(total), total <= 0 ? 0 : (int) Math.round(used * 100.0 / total));
    }

    /** As {@code df -h} prints sizes: 1024-based, one decimal below 10, e.g. "3.4G", "234G", "260M". */
    static String humanSize(long bytes) {
        String[] units = {"B", "K", "M", "G", "T", "P"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + "B";
        }
        double tenths = Math.ceil(value * 10) / 10;
        return (tenths < 10 ? String.format(Locale.ROOT, "%.1f", tenths) : String.valueOf((long) Math.ceil(value))) + units[unit];
    }
}
