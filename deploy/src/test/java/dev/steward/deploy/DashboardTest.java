package dev.steward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana/steward-dashboard.json parses as a Grafana dashboard whose panels each query
 * Prometheus, naming only Steward metrics docs/observability.md lists (SignedRequestE2EIT checks a
 * running stack exports every metric it names).
 */
class DashboardTest {

    @Test
    void everyPanelHasATitleAndQueriesOnlyDocumentedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("grafana/steward-dashboard.json")));
        String documented = Files.readString(Path.of("../docs/observability.md"));
        assertEquals("steward-overview", dashboard.path("uid").asText());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(!title.isBlank() && ids.add(panel.path("id").asInt()), "a unique panel with a title: " + panel);
            assertTrue(panel.path("targets").size() > 0, title);
            for (JsonNode target : panel.path("targets")) {
                Set<String> metrics = AlertMetrics.named(target.path("expr").asText());
                assertTrue(!metrics.isEmpty(), title + ": " + target);
                metrics.stream().filter(metric -> metric.startsWith("steward_"))
                        .forEach(metric -> assertTrue(documented.contains("`" + metric), title + " queries " + metric
                                + ", which docs/observability.md does not list"));
            }
        }
        assertEquals(11, ids.size());
    }
}
