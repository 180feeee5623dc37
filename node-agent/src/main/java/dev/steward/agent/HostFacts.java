package dev.steward.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a heartbeat reports, measured on the host at the moment of the beat. */
public record HostFacts(String hostname, long dataBytesTotal, long dataBytesFree, double load1, int cpus) {

    public static HostFacts measure(Path dataDir) throws IOException {
        FileStore store = Files.getFileStore(dataDir);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new HostFacts(localHostname(), store.getTotalSpace(), store.getUsableSpace(), Math.max(load, 0),
                Runtime.getRuntime().availableProcessors());
    }

    static String localHostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
