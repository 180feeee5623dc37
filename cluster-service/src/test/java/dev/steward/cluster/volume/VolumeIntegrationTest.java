package dev.steward.cluster.volume;

import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steward.cluster.ClusterTestSupport.asAdmin;
import static dev.steward.cluster.ClusterTestSupport.getAsAdmin;
import static dev.steward.cluster.ClusterTestSupport.problemCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One volume entity seen through the Gluster (by name) and JuiceFS (by id) APIs, with its quotas. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeIntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("cluster");
    }

    private <T> T call(MutableHttpRequest<?> request, Class<T> type) {
        return http.toBlocking().retrieve(asAdmin(request, tokens), type);
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(asAdmin(request, tokens)));
    }

    private VolumeViews.GlusterVolume createVolume(String name) {
        return call(HttpRequest.POST("/v1/volumes", Map.of("name", name, "replica", 2,
                "bricks", List.of("node1:/bricks/" + name, "node2:/bricks/" + name))), VolumeViews.GlusterVolume.class);
    }

    @Test
    void refusedChangesArePublishedForTheAuditTrailAndRefusedReadsAndAgentReportsAreNot() {
        String name = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.POST("/v1/volumes/" + name + "/start", Map.of())).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/v1/volumes/" + name)).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.POST("/steward/v1/nodes/" + name + "/heartbeat", Map.of())).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.POST("/v1/volumes/" + name + "/stop", Map.of())).getStatus());

        List<String> refusals = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS,
                value -> value.contains("dev.steward.audit.RequestRefused.v1") && value.contains(name), found -> found.size() >= 2,
                Duration.ofSeconds(20));
        assertEquals(2, refusals.size());
        assertTrue(refusals.get(0).contains("\"method\":\"POST\",\"path\":\"/v1/volumes/" + name + "/start\",\"status\":404,\"code\":\"VOLUME_NOT_FOUND\""),
                refusals.get(0));
        assertTrue(refusals.get(1).contains("/v1/volumes/" + name + "/stop"), "the refused read and agent heartbeat in between were not published: " + refusals.get(1));
    }

    @Test
    void glusterLifecycleIsVisibleThroughJuiceFs() {
        String name = "gv-" + UUID.randomUUID().toString().substring(0, 8);
        VolumeViews.GlusterVolume created = createVolume(name);
        assertEquals("Created", created.status());
        assertEquals("Replicate", created.type());
        assertEquals(2, created.num_bricks());

        VolumeViews.JuiceFsVolume byId = call(HttpRequest.GET("/api/v1/volumes/" + created.id()), VolumeViews.JuiceFsVolume.class);
        assertEquals(name, byId.name());
        List<VolumeViews.JuiceFsVolume> all = http.toBlocking().retrieve(getAsAdmin("/api/v1/volumes", tokens),
                Argument.listOf(VolumeViews.JuiceFsVolume.class));
        assertTrue(all.stream().anyMatch(volume -> volume.id() == created.id()));

        assertEquals("Started", call(HttpRequest.POST("/v1/volumes/" + name + "/start", Map.of()), VolumeViews.GlusterVolume.class).status());
        HttpClientResponseException twice = refused(HttpRequest.POST("/v1/volumes/" + name + "/start", Map.of()));
        assertEquals(HttpStatus.CONFLICT, twice.getStatus());
        assertEquals("Started", call(HttpRequest.POST("/v1/volumes/" + name + "/start", Map.of("force", true)), VolumeViews.GlusterVolume.class).status());

        HttpClientResponseException started = refused(HttpRequest.DELETE("/api/v1/volumes/" + created.id()));
        assertEquals(HttpStatus.CONFLICT, started.getStatus(), "a started volume is not deleted");
        assertEquals("VOLUME_STATE_CONFLICT", problemCode(started));

        assertEquals("Stopped", call(HttpRequest.POST("/v1/volumes/" + name + "/stop", Map.of()), VolumeViews.GlusterVolume.class).status());
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(asAdmin(HttpRequest.DELETE("/api/v1/volumes/" + created.id()), tokens)).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/v1/volumes/" + name)).getStatus());

        List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains("\"name\":\"" + name + "\""),
                found -> found.size() >= 5, Duration.ofSeconds(20));
        assertEquals(List.of("VolumeCreated", "VolumeStarted", "VolumeStarted", "VolumeStopped", "VolumeDeleted"),
                events.stream().map(event -> event.replaceAll(".*\"type\":\"dev\\.steward\\.cluster\\.([A-Za-z]+)\\.v1\".*", "$1")).toList());
    }

    @Test
    void quotasNestUpdateAndValidate() {
        VolumeViews.GlusterVolume volume = createVolume("qv-" + UUID.randomUUID().toString().substring(0, 8));
        String base = "/api/v1/volumes/" + volume.id() + "/quotas";
        VolumeViews.QuotaView parent = call(HttpRequest.POST(base, Map.of("path", "/path/to", "inodes", 1 << 20, "size", 1L << 30)),
                VolumeViews.QuotaView.class);
        VolumeViews.QuotaView child = call(HttpRequest.POST(base, Map.of("path", "/path/to/subdir", "size", 1L << 20)),
                VolumeViews.QuotaView.class);
        assertNull(child.inodes(), "a limit left out is no limit");

        VolumeViews.QuotaView moved = call(HttpRequest.PUT(base + "/" + child.id(), Map.of("path", "/foo", "size", 10L << 30)),
                VolumeViews.QuotaView.class);
        assertEquals("/foo", moved.path());
        assertEquals(10L << 30, moved.size());

        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("relative path", Map.of("path", "path/to", "size", 1));
        cases.put("dot segment", Map.of("path", "/a/../b", "size", 1));
        cases.put("trailing slash", Map.of("path", "/a/", "size", 1));
        cases.put("double slash", Map.of("path", "/a//b", "size", 1));
        cases.put("negative size", Map.of("path", "/n", "size", -1));
        cases.put("no limit", Map.of("path", "/n"));
        cases.forEach((why, body) -> {
            HttpClientResponseException error = refused(HttpRequest.POST(base, body));
            assertEquals(HttpStatus.BAD_REQUEST, error.getStatus(), why);
            assertEquals("QUOTA_INVALID", problemCode(error), why);
        });
        HttpClientResponseException typed = refused(HttpRequest.POST(base, "{\"path\": \"/t\", \"size\": \"big\"}").contentType("application/json"));
        assertEquals(HttpStatus.BAD_REQUEST, typed.getStatus());
        HttpClientResponseException duplicate = refused(HttpRequest.POST(base, Map.of("path", "/path/to", "size", 5)));
        assertEquals(HttpStatus.CONFLICT, duplicate.getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET(base + "/999999")).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/api/v1/volumes/999999/quotas")).getStatus());
        assertEquals(HttpStatus.BAD_REQUEST, refused(HttpRequest.GET("/api/v1/volumes/not-a-number")).getStatus());

        List<VolumeViews.QuotaView> quotas = http.toBlocking().retrieve(getAsAdmin(base, tokens), Argument.listOf(VolumeViews.QuotaView.class));
        assertEquals(List.of("/path/to", "/foo"), quotas.stream().map(VolumeViews.QuotaView::path).toList(), "refused requests changed nothing");
        assertEquals(parent, quotas.get(0));

        http.toBlocking().exchange(asAdmin(HttpRequest.DELETE(base + "/" + parent.id()), tokens));
        assertEquals(1, http.toBlocking().retrieve(getAsAdmin(base, tokens), Argument.listOf(Map.class)).size());
    }

    @Test
    void badVolumesAreRefused() {
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        createVolume(name);
        assertEquals(HttpStatus.CONFLICT, refused(HttpRequest.POST("/v1/volumes", Map.of("name", name))).getStatus());
        assertEquals("VOLUME_INVALID", problemCode(refused(HttpRequest.POST("/v1/volumes", Map.of("name", "bad name!")))));
        assertEquals("VOLUME_INVALID", problemCode(refused(HttpRequest.POST("/v1/volumes", Map.of("name", "odd", "replica", 2,
                "bricks", List.of("n1:/b1", "n2:/b2", "n3:/b3"))))));
        assertEquals("VOLUME_INVALID", problemCode(refused(HttpRequest.POST("/v1/volumes", Map.of("name", "rel", "bricks", List.of("n1:b1"))))));
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.POST("/v1/volumes/nope-" + name + "/start", Map.of())).getStatus());
        assertEquals(HttpStatus.CONFLICT, refused(HttpRequest.POST("/v1/volumes/" + name + "/stop", Map.of())).getStatus(), "not started");
    }
}
