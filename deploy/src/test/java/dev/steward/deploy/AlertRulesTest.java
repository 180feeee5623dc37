package dev.steward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/prometheus/steward-alerts.yml is a rule file Prometheus can load, each alert complete, and
 * every Steward metric it names is one docs/observability.md lists (SignedRequestE2EIT checks that a
 * running stack exports them).
 */
class AlertRulesTest {

    static final Path RULES = Path.of("prometheus/steward-alerts.yml");

    @Test
    void theMetricsOfAnExpressionAreItsSelectorsNotItsLabelsOrFunctions() {
        assertEquals(Set.of("kafka_consumer_fetch_manager_records_lag_max"),
                AlertMetrics.named("max by (job, client_id) (kafka_consumer_fetch_manager_records_lag_max) > 1000"));
        assertEquals(Set.of("steward_jobs"), AlertMetrics.named("max by (kind) (increase(steward_jobs{status=\"failed\"}[10m])) > 0"));
        assertEquals(Set.of("http_server_requests_seconds_count"),
                AlertMetrics.named("sum(rate(http_server_requests_seconds_count{job=\"steward-gateway\", status=~\"401|403\"}[5m])) > 5"));
    }

    @Test
    void everyAlertHasAnExpressionASeverityAndASummaryAndNamesOnlyDocumentedMetrics() throws Exception {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(RULES));
        Set<String> alerts = new HashSet<>();
        String documented = Files.readString(Path.of("../docs/observability.md"));
        for (JsonNode group : file.path("groups")) {
            assertTrue(group.path("name").isTextual(), group.toString());
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertTrue(alert.matches("Steward[A-Za-z]+") && alerts.add(alert), "a unique alert name: " + rule);
                String expr = rule.path("expr").asText();
                assertTrue(!expr.isBlank(), alert);
                assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()), alert);
                assertTrue(!rule.path("annotations").path("summary").asText().isBlank(), alert);
                for (String metric : AlertMetrics.named(expr)) {
                    if (metric.startsWith("steward_")) {
                        assertTrue(documented.contains("`" + metric), alert + " names " + metric
                                + ", which docs/observability.md does not list");
                    }
                }
            }
        }
        assertEquals(12, alerts.size(), alerts.toString());
    }
}
