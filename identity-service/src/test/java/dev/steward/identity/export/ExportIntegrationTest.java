package dev.steward.identity.export;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JuiceFS client ACLs on volumes learned from cluster-service's events. */
class ExportIntegrationTest extends AbstractIdentityTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "juicefs", "192.0.2.9"));
    }

    private Map<?, ?> call(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(admin(request), Map.class);
    }

    private List<Map<String, Object>> exports(long volumeId) {
        return http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/volumes/" + volumeId + "/exports")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(admin(request), Map.class));
    }

    private static String code(HttpClientResponseException error) {
        return String.valueOf(error.getResponse().getBody(Map.class).orElseThrow().get("code"));
    }

    /** A volume id no other run has used: the Kafka topics outlive test databases. */
    private static long newVolumeId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    private void volumeEvent(String fact, long volumeId) {
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, "volume/" + volumeId, TestEvents.event(UUID.randomUUID().toString(), "cluster", fact,
                "volume/" + volumeId, "{\"volumeId\":" + volumeId + ",\"name\":\"vol-" + volumeId + "\",\"state\":\"Created\"}"));
    }

    private HttpStatus listStatus(long volumeId) {
        try {
            return http.toBlocking().exchange(admin(HttpRequest.GET("/api/v1/volumes/" + volumeId + "/exports")), String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private long knownVolume() {
        long volumeId = newVolumeId();
        volumeEvent("VolumeCreated", volumeId);
        Eventually.await(Duration.ofSeconds(20), () -> listStatus(volumeId), status -> status == HttpStatus.OK,
                "identity-service to learn volume " + volumeId);
        return volumeId;
    }

    private static Map<String, Object> export(String desc, String iprange, boolean apionly, boolean readonly, boolean appendonly) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("desc", desc);
        body.put("iprange", iprange);
        body.put("apionly", apionly);
        body.put("readonly", readonly);
        body.put("appendonly", appendonly);
        return body;
    }

    @Test
    void exportsAreCreatedListedUpdatedAndDeletedWithEvents() {
        long volumeId = knownVolume();
        String base = "/api/v1/volumes/" + volumeId + "/exports";

        HttpResponse<Map> created = http.toBlocking().exchange(admin(HttpRequest.POST(base, export("for mount", "192.168.0.1/24", false, false, false))), Map.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        Map<?, ?> first = created.body();
        long exportId = ((Number) first.get("id")).longValue();
        assertEquals("192.168.0.1/24", first.get("iprange"), "the range is shown as given");
        assertEquals(volumeId, ((Number) first.get("volume")).longValue());
        call(HttpRequest.POST(base, export("backup host", "fd00::/8", true, true, false)));

        List<Map<String, Object>> listed = exports(volumeId);
        assertEquals(2, listed.size());
        assertEquals(first, call(HttpRequest.GET(base + "/" + exportId)));

        // As the reference's update: only desc and iprange; the flags keep their values.
        Map<?, ?> updated = call(HttpRequest.PUT(base + "/" + exportId, Map.of("desc", "for mount", "iprange", "192.168.100.1/24")));
        assertEquals("192.168.100.1/24", updated.get("iprange"));
        assertEquals(false, updated.get("readonly"));
        Map<?, ?> appendOnly = call(HttpRequest.PUT(base + "/" + exportId, Map.of("appendonly", true)));
        assertEquals(true, appendOnly.get("appendonly"));
        assertEquals("192.168.100.1/24", appendOnly.get("iprange"));

        http.toBlocking().exchange(admin(HttpRequest.DELETE(base + "/" + exportId)));
        assertEquals(1, exports(volumeId).size());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET(base + "/" + exportId)).getStatus());

        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS, value -> value.contains("\"volume/" + volumeId + "/export/" + exportId + "\""),
                found -> found.size() >= 4, Duration.ofSeconds(20));
        assertTrue(events.get(0).contains("dev.steward.identity.ExportCreated.v1"), events.get(0));
        assertTrue(events.get(3).contains("dev.steward.identity.ExportDeleted.v1"), events.get(3));
        String audit = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/audit?limit=200")), String.class);
        assertTrue(audit.contains("volume/" + volumeId + "/export/" + exportId), "the changes are audited");
    }

    @Test
    void badInputIsRefusedWithAReasonAndChangesNothing() {
        long volumeId = knownVolume();
        String base = "/api/v1/volumes/" + volumeId + "/exports";
        Map<?, ?> kept = call(HttpRequest.POST(base, export("office", "10.0.0.0/8", false, false, false)));
        long keptId = ((Number) kept.get("id")).longValue();

        Map<String, MutableHttpRequest<?>> cases = new LinkedHashMap<>();
        cases.put("IP_RANGE_INVALID", HttpRequest.POST(base, export("x", "10.0.0.0/33", false, false, false)));
        cases.put("IP_RANGE_INVALID ", HttpRequest.POST(base, export("x", "example.com/24", false, false, false)));
        cases.put("IP_RANGE_INVALID  ", HttpRequest.POST(base, export("x", "300.1.2.3/8", false, false, false)));
        cases.put("EXPORT_INVALID", HttpRequest.POST(base, Map.of("desc", "no range")));
        cases.put("EXPORT_INVALID ", HttpRequest.POST(base, export("both", "10.1.0.0/16", false, true, true)));
        cases.put("EXPORT_INVALID  ", HttpRequest.POST(base, export("x".repeat(300), "10.2.0.0/16", false, false, false)));
        cases.put("EXPORT_INVALID   ", HttpRequest.PUT(base + "/" + keptId, Map.of()));
        cases.put("EXPORT_INVALID    ", HttpRequest.PUT(base + "/" + keptId, Map.of("readonly", true, "appendonly", true)));
        cases.put("EXPORT_RANGE_TAKEN", HttpRequest.POST(base, export("same clients", "10.9.9.9/8", false, false, false)));
        cases.put("MALFORMED_REQUEST", HttpRequest.POST(base, "{\"iprange\": \"10.3.0.0/16\"").contentType("application/json"));
        cases.put("EXPORT_INVALID     ", HttpRequest.POST(base, "{\"iprange\": \"10.3.0.0/16\", \"readonly\": {\"a\": 1}}").contentType("application/json"));
        cases.put("EXPORT_INVALID      ", HttpRequest.POST(base, "{\"iprange\": \"10.5.0.0/16\", \"apionly\": \"yes\"}").contentType("application/json"));
        cases.put("EXPORT_INVALID       ", HttpRequest.POST(base, "{\"iprange\": 10}").contentType("application/json"));
        cases.put("EXPORT_INVALID        ", HttpRequest.POST(base, "{\"iprange\": \"10.6.0.0/16\", \"writeonly\": true}").contentType("application/json"));
        cases.put("EXPORT_INVALID         ", HttpRequest.POST(base, "[\"10.7.0.0/16\"]").contentType("application/json"));
        cases.put("IP_RANGE_INVALID   ", HttpRequest.POST(base, "{\"iprange\": \"10\"}").contentType("application/json"));
        cases.put("EXPORT_NOT_FOUND", HttpRequest.PUT(base + "/999999999", Map.of("desc", "ghost")));
        cases.put("VOLUME_NOT_FOUND", HttpRequest.POST("/api/v1/volumes/" + newVolumeId() + "/exports", export("x", "10.4.0.0/16", false, false, false)));
        cases.put("MALFORMED_REQUEST  ", HttpRequest.GET("/api/v1/volumes/not-a-number/exports"));
        cases.forEach((label, request) -> {
            HttpClientResponseException error = refused(request);
            String code = label.strip();
            int status = switch (code) {
                case "EXPORT_RANGE_TAKEN" -> 409;
                case "EXPORT_NOT_FOUND", "VOLUME_NOT_FOUND" -> 404;
                default -> 400;
            };
            assertEquals(status, error.getStatus().getCode(), label + ": " + error.getResponse().getBody(String.class).orElse(""));
            assertEquals(code, code(error), label);
            assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().toString());
        });
        assertEquals(List.of(kept), exports(volumeId).stream().map(map -> (Map<?, ?>) map).toList(), "nothing changed");
    }

    @Test
    void deletingTheVolumeInClusterServiceTakesItsExports() {
        long volumeId = knownVolume();
        String base = "/api/v1/volumes/" + volumeId + "/exports";
        long exportId = ((Number) call(HttpRequest.POST(base, export("lab", "172.16.0.0/12", false, false, false))).get("id")).longValue();

        volumeEvent("VolumeDeleted", volumeId);
        Eventually.await(Duration.ofSeconds(20), () -> listStatus(volumeId), status -> status == HttpStatus.NOT_FOUND,
                "the volume's deletion to arrive");
        assertEquals("VOLUME_NOT_FOUND", code(refused(HttpRequest.GET(base))));
        List<String> deleted = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS,
                value -> value.contains("ExportDeleted") && value.contains("\"volume/" + volumeId + "/export/" + exportId + "\""),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertFalse(deleted.isEmpty());
    }
}
