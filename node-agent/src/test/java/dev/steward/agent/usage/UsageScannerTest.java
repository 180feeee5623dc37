package dev.steward.agent.usage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageScannerTest {

    private static final String BUCKET = "a".repeat(64);

    private static void file(Path path, int bytes) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[bytes]);
    }

    private static Map<String, UsageScanner.Entry> byKey(UsageScanner.Scan scan) {
        return scan.entries().stream().collect(Collectors.toMap(entry -> entry.kind() + ":" + entry.name() + ":" + entry.path(), Function.identity()));
    }

    @Test
    void aBucketIsItsRegularFilesAtAnyDepth(@TempDir Path data) throws Exception {
        file(data.resolve("buckets/" + BUCKET + "/photo.jpg"), 1000);
        file(data.resolve("buckets/" + BUCKET + "/2026/12/log.txt"), 24);
        Files.createDirectories(data.resolve("buckets/" + BUCKET + "/empty"));
        UsageScanner.Scan scan = new UsageScanner(data, UsageScanner.Limits.DEFAULT).scan();
        assertEquals(List.of(new UsageScanner.Entry("bucket", BUCKET, "/", 2, 3, 1024)), scan.entries(),
                "a bucket reports only its own totals: 2 objects, 1024 bytes (and 3 directories)");
        assertFalse(scan.truncated());
    }

    @Test
    void aVolumeReportsItsDirectoriesDownToTheDepthLimitAndDeeperOnesCountInTheirAncestors(@TempDir Path data) throws Exception {
        Path volume = data.resolve("volumes/projects");
        file(volume.resolve("readme"), 10);
        file(volume.resolve("a/one"), 100);
        file(volume.resolve("a/b/two"), 200);
        file(volume.resolve("a/b/c/three"), 300);
        UsageScanner.Scan scan = new UsageScanner(data, new UsageScanner.Limits(100, 1000, 2, 100)).scan();
        Map<String, UsageScanner.Entry> entries = byKey(scan);
        assertEquals(new UsageScanner.Entry("volume", "projects", "/", 4, 3, 610), entries.get("volume:projects:/"));
        assertEquals(new UsageScanner.Entry("volume", "projects", "/a", 3, 2, 600), entries.get("volume:projects:/a"));
        assertEquals(new UsageScanner.Entry("volume", "projects", "/a/b", 2, 1, 500), entries.get("volume:projects:/a/b"));
        assertNull(entries.get("volume:projects:/a/b/c"), "deeper than 2 levels: only in its ancestors");
        assertEquals(3, entries.size());
    }

    @Test
    void aVolumeReportsAtMostItsDirectoryLimitTheFirstMetFirst(@TempDir Path data) throws Exception {
        Path volume = data.resolve("volumes/wide");
        for (int i = 0; i < 10; i++) {
            file(volume.resolve("d" + i + "/f"), 1);
        }
        UsageScanner.Scan scan = new UsageScanner(data, new UsageScanner.Limits(100, 1000, 4, 4)).scan();
        assertEquals(4, scan.entries().size(), scan.entries().toString());
        assertEquals(new UsageScanner.Entry("volume", "wide", "/", 10, 10, 10), byKey(scan).get("volume:wide:/"),
                "the root still counts everything below it");
    }

    @Test
    void linksAreNotFollowedNorCountedAndForeignNamesAreNotReported(@TempDir Path data, @TempDir Path elsewhere) throws Exception {
        file(elsewhere.resolve("big"), 5000);
        file(data.resolve("buckets/" + BUCKET + "/real"), 7);
        Files.createSymbolicLink(data.resolve("buckets/" + BUCKET + "/link-to-dir"), elsewhere);
        Files.createSymbolicLink(data.resolve("buckets/" + BUCKET + "/link-to-file"), elsewhere.resolve("big"));
        Files.createSymbolicLink(data.resolve("buckets/" + "b".repeat(64)), elsewhere);
        Files.createDirectories(data.resolve("buckets/.hidden"));
        Files.createDirectories(data.resolve("volumes/has space"));
        UsageScanner.Scan scan = new UsageScanner(data, UsageScanner.Limits.DEFAULT).scan();
        assertEquals(List.of(new UsageScanner.Entry("bucket", BUCKET, "/", 1, 0, 7)), scan.entries());
    }

    @Test
    void aScanStopsAtItsFileBudgetAndSaysSoWithoutReportingAHalfCountedTarget(@TempDir Path data) throws Exception {
        file(data.resolve("buckets/" + BUCKET + "/one"), 1);
        for (int i = 0; i < 20; i++) {
            file(data.resolve("buckets/" + "c".repeat(64) + "/f" + i), 1);
        }
        UsageScanner.Scan scan = new UsageScanner(data, new UsageScanner.Limits(100, 10, 4, 100)).scan();
        assertTrue(scan.truncated());
        assertEquals(List.of(new UsageScanner.Entry("bucket", BUCKET, "/", 1, 0, 1)), scan.entries(),
                "the bucket measured whole is reported; the one cut short is not (never a too-small count)");
    }

    @Test
    void noBucketsOrVolumesDirectoryIsAnEmptyScan(@TempDir Path data) throws Exception {
        UsageScanner.Scan scan = new UsageScanner(data, UsageScanner.Limits.DEFAULT).scan();
        assertTrue(scan.entries().isEmpty());
        assertFalse(scan.truncated());
    }
}
