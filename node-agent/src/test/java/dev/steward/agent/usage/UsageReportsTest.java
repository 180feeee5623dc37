package dev.steward.agent.usage;

import dev.steward.common.event.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageReportsTest {

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
    private final UsageReports reports;

    UsageReportsTest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        reports = new UsageReports(dev.steward.agent.NodeIdentity.loadOrCreate(data), null, java.time.Duration.ofSeconds(1), null);
    }

    @Test
    void theAgentReportsOnTheTopicTheServicesRead() {
        assertEquals(Topics.CLUSTER_NODE_USAGE, UsageReports.TOPIC);
    }

    @Test
    void anEmptyScanIsOneLastPartSoWhatTheNodeHeldBeforeIsDropped() {
        List<Map<String, Object>> parts = reports.parts(new UsageScanner.Scan(List.of(), false), AT);
        assertEquals(1, parts.size());
        assertEquals(true, parts.get(0).get("last"));
        assertEquals(List.of(), parts.get(0).get("entries"));
        assertEquals("2026-12-07T12:00:00Z", parts.get(0).get("measuredAt"));
    }

    @Test
    void aLargeScanIsSplitIntoPartsOfBoundedCountAndSizeAllCarryingTheScanTime() {
        List<UsageScanner.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            entries.add(new UsageScanner.Entry("volume", "v", "/" + i, 1, 0, 1));
        }
        entries.add(new UsageScanner.Entry("volume", "v", "/" + "x".repeat(4000), 1, 0, 1));
        List<Map<String, Object>> parts = reports.parts(new UsageScanner.Scan(entries, true), AT);
        int total = 0;
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> part = parts.get(i);
            List<?> chunk = (List<?>) part.get("entries");
            assertTrue(chunk.size() <= UsageReports.PART_ENTRIES && !chunk.isEmpty(), "part " + i + ": " + chunk.size());
            assertEquals(i, part.get("part"));
            assertEquals(i == parts.size() - 1, part.get("last"));
            assertEquals(true, part.get("truncated"));
            assertEquals("2026-12-07T12:00:00Z", part.get("measuredAt"));
            total += chunk.size();
        }
        assertEquals(entries.size(), total, "every entry in exactly one part");
        assertTrue(parts.size() >= 3);
    }
}
