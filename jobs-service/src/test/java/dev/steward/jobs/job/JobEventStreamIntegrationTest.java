package dev.steward.jobs.job;

import dev.steward.common.event.Actor;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.common.security.Role;
import dev.steward.jobs.AbstractJobsTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /steward/v1/jobs/{id}/events}: the job now, each change, and the end of the stream when it stops running. */
class JobEventStreamIntegrationTest extends AbstractJobsTest {

    @Inject
    EmbeddedServer server;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    JobService jobs;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A running job of a kind no handler runs, leased elsewhere for an hour so this service's runner leaves it to the test. */
    private Job runningJob() {
        return transactions.executeWrite(status -> {
            Job job = jobs.accept("sse-test", false, "Started", Map.of(), Actor.system("test"));
            try (var lease = status.getConnection().prepareStatement(
                    "UPDATE job SET lease_owner = 'elsewhere', lease_until = now() + interval '1 hour' WHERE id = ?")) {
                lease.setObject(1, job.id());
                lease.executeUpdate();
            }
            return jobs.get(job.id());
        });
    }

    private HttpRequest events(UUID id) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + "/steward/v1/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + tokens.issue("token:test-admin", Role.ADMIN, List.of("*"), "garage-bearer", "192.0.2.70"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** Each {@code data:} line of the stream, parsed, until the server ends it. */
    private List<Map<?, ?>> read(InputStream body) throws Exception {
        List<Map<?, ?>> states = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    states.add(json.readValue(line.substring("data:".length()).trim(), Map.class));
                }
            }
        }
        return states;
    }

    @Test
    void aRunningJobIsFollowedUntilItEnds() throws Exception {
        Job accepted = runningJob();
        HttpResponse<InputStream> response = http.send(events(accepted.id()), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        CompletableFuture<List<Map<?, ?>>> states = CompletableFuture.supplyAsync(() -> {
            try {
                return read(response.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(600);
        Job halfway = transactions.executeWrite(status -> jobs.progress(jobs.get(accepted.id()), 50, "Halfway", Map.of()));
        Thread.sleep(600);
        transactions.executeWrite(status -> jobs.succeed(halfway, "Done", Map.of()));

        List<Map<?, ?>> seen = states.get(20, TimeUnit.SECONDS); // the stream ended by itself
        List<String> progress = seen.stream().map(state -> state.get("status") + " " + state.get("percentage")).toList();
        assertEquals(List.of("running 0", "running 50", "success 100"), progress);
        // A log line is "[timestamp][actor] message"; the messages, in order, are the job's whole story.
        List<String> messages = ((List<?>) seen.get(2).get("log")).stream()
                .map(line -> String.valueOf(line).replaceFirst("^\\[[^]]+]\\[[^]]+] ", "")).toList();
        assertEquals(List.of("Started", "Halfway", "Done"), messages);
    }

    @Test
    void aFinishedJobIsOneEventAndAnUnknownOneIs404() throws Exception {
        Job accepted = runningJob();
        transactions.executeWrite(status -> jobs.fail(accepted, "E1002", "broke", "Failed"));
        HttpResponse<InputStream> response = http.send(events(accepted.id()), HttpResponse.BodyHandlers.ofInputStream());
        List<Map<?, ?>> seen = read(response.body());
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("failed", seen.get(0).get("status"));
        assertEquals("E1002", seen.get(0).get("errorCode"));

        HttpResponse<String> unknown = http.send(events(UUID.randomUUID()), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), unknown.body());
    }
}
