package dev.steward.jobs.job;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.testing.Eventually;
import dev.steward.testing.PrometheusText;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jobs by kind and status, their durations and the oldest running one, read from {@code /prometheus}. */
class JobMetricsIntegrationTest extends AbstractJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> properties() {
        return Map.of("steward.metrics.refresh", "200ms");
    }

    private double value(String name, String... labels) {
        return PrometheusText.value(http.toBlocking().retrieve(HttpRequest.GET("/prometheus")), name, labels);
    }

    @Test
    void finishedJobsAreCountedByKindAndStatusWithTheirDurationAndTheOldestRunningJobsAge() throws Exception {
        String kind = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        UUID[] ids = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            insert(connection, ids[0], kind, "success", now.minusSeconds(100), now.minusSeconds(70));
            insert(connection, ids[1], kind, "success", now.minusSeconds(50), now.minusSeconds(40));
            insert(connection, ids[2], kind, "failed", now.minusSeconds(20), now.minusSeconds(15));
            // held under another runner's lease, so this service's runner leaves it alone
            insert(connection, ids[3], kind, "running", now.minus(Duration.ofHours(2)), null);

            String success = "status=\"success\"";
            String ofKind = "kind=\"" + kind + "\"";
            Eventually.await(WAIT, () -> value("steward_jobs", ofKind, success), value -> value == 2, "two successful " + kind + " jobs");
            assertEquals(40, value("steward_jobs_seconds", ofKind, success), 0.01, "30 s and 10 s");
            assertEquals(1, value("steward_jobs", ofKind, "status=\"failed\""));
            assertEquals(5, value("steward_jobs_seconds", ofKind, "status=\"failed\""), 0.01);
            assertEquals(false, Double.isNaN(value("steward_jobs", "kind=\"backup\"", "status=\"failed\"")),
                    "every kind the service runs has its series, 0 before its first job");
            double oldest = value("steward_jobs_running_oldest_seconds");
            assertEquals(true, oldest >= 7200 && oldest < 7300, String.valueOf(oldest));
        } finally {
            try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM job WHERE kind = ?")) {
                delete.setString(1, kind);
                delete.executeUpdate();
            }
        }
    }

    private static void insert(Connection connection, UUID id, String kind, String status, Instant created, Instant finished) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO job (id, kind, status, exclusive, percentage, requested_by, lease_owner, lease_until, created_at, updated_at, finished_at)
                VALUES (?, ?, ?, FALSE, 0, 'test', 'another-runner', ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, kind);
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
            insert.setTimestamp(5, Timestamp.from(created));
            insert.setTimestamp(6, Timestamp.from(finished == null ? created : finished));
            insert.setTimestamp(7, finished == null ? null : Timestamp.from(finished));
            insert.executeUpdate();
        }
    }
}
