package dev.steward.cluster.health;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.cluster.node.NodeAddress;
import dev.steward.cluster.node.NodeRegistry;
import dev.steward.common.event.Actor;
import dev.steward.testing.Eventually;
import dev.steward.testing.PrometheusText;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steward.cluster.ClusterTestSupport.randomNodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gauges operators alert on, read from {@code /prometheus} as a scraper does. The relay is off
 * in this class so that an event written here stays unpublished for as long as the test needs.
 */
class ClusterMetricsIntegrationTest extends AbstractClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    NodeRegistry registry;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> properties() {
        return Map.of("steward.metrics.refresh", "200ms", "steward.outbox.relay.enabled", "false");
    }

    private String scrape() {
        return http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
    }

    private double value(String name, String... labels) {
        return PrometheusText.value(scrape(), name, labels);
    }

    @Test
    void aNodeThatStoppedBeatingCountsAsDown() {
        double down = Eventually.await(WAIT, () -> value("steward_cluster_nodes", "state=\"down\""), value -> !Double.isNaN(value),
                "the first refresh");
        double up = value("steward_cluster_nodes", "state=\"up\"");
        registry.register(List.of(new NodeAddress(randomNodeId(), "10.8.0.1:3901")), Instant.now().minus(Duration.ofHours(1)),
                Actor.system("test"));
        Eventually.await(WAIT, () -> value("steward_cluster_nodes", "state=\"down\""), value -> value == down + 1,
                "one more node down than " + down);
        assertEquals(up, value("steward_cluster_nodes", "state=\"up\""));
        double noQuorum = value("steward_cluster_partitions_without_quorum");
        assertTrue(noQuorum >= 0 && noQuorum <= 256, String.valueOf(noQuorum));
        double healthy = value("steward_cluster_healthy");
        assertTrue(healthy == 0 || healthy == 0.5 || healthy == 1, String.valueOf(healthy));
    }

    @Test
    void theOutboxShowsItsBacklogTheAgeOfItsOldestEventAndWhatKafkaRefused() throws Exception {
        double failed = Eventually.await(WAIT, () -> value("steward_outbox_failed"), value -> !Double.isNaN(value), "the first refresh");
        String waiting = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            insert(connection, waiting, Instant.now().minus(Duration.ofHours(1)), null);
            insert(connection, refused, Instant.now(), Instant.now());
            Eventually.await(WAIT, () -> value("steward_outbox_oldest_unpublished_seconds"), value -> value >= 3600,
                    "the hour-old event's age");
            assertTrue(value("steward_outbox_backlog") >= 1);
            assertEquals(failed + 1, value("steward_outbox_failed"));
        } finally {
            try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE event_id IN (?, ?)")) {
                delete.setString(1, waiting);
                delete.setString(2, refused);
                delete.executeUpdate();
            }
        }
    }

    @Test
    void parkedEventsAreCountedUntilReplayed() throws Exception {
        double parked = Eventually.await(WAIT, () -> value("steward_events_parked"), value -> !Double.isNaN(value), "the first refresh");
        long offset = System.nanoTime();
        try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letter (consumer, topic, kafka_partition, "
                    + "kafka_offset, payload, error, attempts, parked_at) VALUES ('metrics-test', 'steward.test.metrics.v1', 0, ?, ?, 'poison', 5, now())")) {
                insert.setLong(1, offset);
                insert.setBytes(2, new byte[] {0});
                insert.executeUpdate();
            }
            Eventually.await(WAIT, () -> value("steward_events_parked"), value -> value == parked + 1, "one more parked event");
            try (PreparedStatement replay = connection.prepareStatement(
                    "UPDATE dead_letter SET replayed_at = now() WHERE consumer = 'metrics-test' AND kafka_offset = ?")) {
                replay.setLong(1, offset);
                replay.executeUpdate();
            }
            Eventually.await(WAIT, () -> value("steward_events_parked"), value -> value == parked, "the replayed event no longer counted");
        }
    }

    private static void insert(Connection connection, String eventId, Instant createdAt, Instant failedAt) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_event (event_id, topic, message_key, payload, created_at, failed_at, error)
                VALUES (?, 'steward.test.metrics.v1', 'metrics', '{}', ?, ?, ?)""")) {
            insert.setString(1, eventId);
            insert.setTimestamp(2, Timestamp.from(createdAt));
            insert.setTimestamp(3, failedAt == null ? null : Timestamp.from(failedAt));
            insert.setString(4, failedAt == null ? null : "refused by the test");
            insert.executeUpdate();
        }
    }
}
