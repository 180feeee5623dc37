package dev.steward.cluster.bucket;

import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.ServiceTestProperties;
import dev.steward.testing.TestEvents;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steward.cluster.ClusterTestSupport.asAdmin;
import static dev.steward.cluster.ClusterTestSupport.getAsAdmin;
import static dev.steward.cluster.ClusterTestSupport.problemCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BucketIntegrationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    /** A key identity-service announced; cluster-service learns it from the identity topic. */
    String keyId;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("cluster");
    }

    @BeforeAll
    void identityAnnouncesAKey() {
        keyId = "GK" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        KafkaTestClient.send(Topics.IDENTITY_EVENTS, keyId, TestEvents.event(UUID.randomUUID().toString(), "identity", "KeyCreated",
                "key/" + keyId, "{\"accessKeyId\":\"" + keyId + "\",\"name\":\"alice-key\",\"createBucket\":false}"));
        Eventually.await(Duration.ofSeconds(30), () -> {
            try {
                return create(Map.of("localAlias", Map.of("accessKeyId", keyId, "alias", "probe-" + keyId.toLowerCase())));
            } catch (HttpClientResponseException e) {
                return null;
            }
        }, info -> info != null, "cluster-service to learn key " + keyId);
    }

    private BucketViews.BucketInfo create(Object body) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/bucket", body), tokens), BucketViews.BucketInfo.class);
    }

    private BucketViews.BucketInfo info(String query) {
        return http.toBlocking().retrieve(getAsAdmin("/v0/bucket?" + query, tokens), BucketViews.BucketInfo.class);
    }

    private BucketViews.BucketInfo send(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(asAdmin(request, tokens), BucketViews.BucketInfo.class);
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(asAdmin(request, tokens)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createWithGlobalAliasThenFindUpdateAndDelete() {
        String alias = unique("photos");
        BucketViews.BucketInfo created = create(Map.of("globalAlias", alias));
        assertEquals(64, created.id().length());
        assertEquals(List.of(alias), created.globalAliases());
        assertEquals(new BucketViews.Quotas(null, null), created.quotas());
        assertNull(created.websiteConfig());

        assertEquals(created.id(), info("globalAlias=" + alias).id());
        List<BucketViews.BucketListItem> all = http.toBlocking().retrieve(getAsAdmin("/v0/bucket", tokens),
                Argument.listOf(BucketViews.BucketListItem.class));
        assertTrue(all.stream().anyMatch(item -> item.id().equals(created.id()) && item.globalAliases().equals(List.of(alias))));

        BucketViews.BucketInfo updated = send(HttpRequest.PUT("/v0/bucket?id=" + created.id(), Map.of(
                "websiteAccess", Map.of("enabled", true, "indexDocument", "index.html", "errorDocument", "404.html"),
                "quotas", Map.of("maxSize", 19029801))));
        assertTrue(updated.websiteAccess());
        assertEquals(new BucketViews.WebsiteConfig("index.html", "404.html"), updated.websiteConfig());
        assertEquals(new BucketViews.Quotas(19029801L, null), updated.quotas(), "an absent quota value means no quota");

        String extra = unique("extra");
        assertEquals(List.of(alias, extra).stream().sorted().toList(),
                send(HttpRequest.PUT("/v0/bucket/alias/global?id=" + created.id() + "&alias=" + extra, "")).globalAliases());
        assertEquals(List.of(alias), send(HttpRequest.DELETE("/v0/bucket/alias/global?id=" + created.id() + "&alias=" + extra)).globalAliases());

        // Not empty: the storage layer reports objects, and the bucket stays.
        send(HttpRequest.PUT("/steward/v1/buckets/" + created.id() + "/usage", Map.of("objects", 14827, "bytes", 13189855625L)));
        HttpClientResponseException notEmpty = refused(HttpRequest.DELETE("/v0/bucket?id=" + created.id()));
        assertEquals(HttpStatus.CONFLICT, notEmpty.getStatus());
        assertEquals("BUCKET_NOT_EMPTY", problemCode(notEmpty));
        assertEquals(14827, info("id=" + created.id()).objects());

        send(HttpRequest.PUT("/steward/v1/buckets/" + created.id() + "/usage", Map.of("objects", 0, "bytes", 0)));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(asAdmin(HttpRequest.DELETE("/v0/bucket?id=" + created.id()), tokens)).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/v0/bucket?globalAlias=" + alias)).getStatus(), "aliases go with the bucket");

        // The bucket's own events (the refused delete is on the topic too, under another key).
        List<String> events = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS,
                value -> value.contains(created.id()) && value.contains("\"type\":\"dev.steward.cluster.Bucket"),
                found -> found.stream().anyMatch(event -> event.contains("BucketDeleted")), Duration.ofSeconds(20));
        assertTrue(events.get(0).contains("BucketCreated"), events.get(0));
        assertTrue(events.stream().anyMatch(event -> event.contains("BucketUpdated")));
    }

    @Test
    void localAliasGrantsTheKeyAndShowsItsName() {
        String alias = unique("mine");
        BucketViews.BucketInfo created = create(Map.of("localAlias", Map.of("accessKeyId", keyId, "alias", alias,
                "allow", Map.of("read", true, "write", true, "owner", false))));
        assertEquals(List.of(), created.globalAliases());
        BucketViews.BucketKey key = created.keys().get(0);
        assertEquals(keyId, key.accessKeyId());
        assertEquals("alice-key", key.name());
        assertEquals(new BucketViews.Permissions(true, true, false), key.permissions());
        assertEquals(List.of(alias), key.bucketLocalAliases());

        HttpClientResponseException twice = refused(HttpRequest.POST("/v0/bucket", Map.of("localAlias", Map.of("accessKeyId", keyId, "alias", alias))));
        assertEquals(HttpStatus.CONFLICT, twice.getStatus());

        String second = unique("second");
        BucketViews.BucketInfo aliased = send(HttpRequest.PUT("/v0/bucket/alias/local?id=" + created.id() + "&accessKeyId=" + keyId + "&alias=" + second, ""));
        assertEquals(2, aliased.keys().get(0).bucketLocalAliases().size());
        send(HttpRequest.DELETE("/v0/bucket/alias/local?id=" + created.id() + "&accessKeyId=" + keyId + "&alias=" + second));

        // identity-service changes the permission (BucketDenyKey): the projection follows.
        KafkaTestClient.send(Topics.IDENTITY_EVENTS, created.id(), TestEvents.event(UUID.randomUUID().toString(), "identity",
                "BucketKeyPermissionChanged", "bucket/" + created.id(),
                "{\"bucketId\":\"" + created.id() + "\",\"accessKeyId\":\"" + keyId + "\",\"read\":true,\"write\":false,\"owner\":false}"));
        Eventually.await(Duration.ofSeconds(20), () -> info("id=" + created.id()).keys().get(0).permissions(),
                permissions -> !permissions.writeFlag(), "write permission to be withdrawn");

        // identity-service deletes the key: its local aliases go, the bucket stays.
        KafkaTestClient.send(Topics.IDENTITY_EVENTS, keyId, TestEvents.event(UUID.randomUUID().toString(), "identity", "KeyDeleted",
                "key/" + keyId, "{\"accessKeyId\":\"" + keyId + "\",\"name\":\"alice-key\",\"createBucket\":false}"));
        BucketViews.BucketInfo orphan = Eventually.await(Duration.ofSeconds(20), () -> info("id=" + created.id()),
                bucket -> bucket.keys().isEmpty(), "the deleted key's aliases and permissions to go");
        assertEquals(created.id(), orphan.id());
        identityAnnouncesAKey(); // later tests use a fresh, known key
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndChangeNothing() {
        String alias = unique("keep");
        BucketViews.BucketInfo bucket = create(Map.of("globalAlias", alias));
        int before = http.toBlocking().retrieve(getAsAdmin("/v0/bucket", tokens), Argument.listOf(Map.class)).size();

        Map<String, MutableHttpRequest<?>> cases = new java.util.LinkedHashMap<>();
        cases.put("BUCKET_ALIAS_INVALID", HttpRequest.POST("/v0/bucket", Map.of("globalAlias", "Not_A_Bucket")));
        cases.put("BUCKET_ALIAS_TAKEN", HttpRequest.POST("/v0/bucket", Map.of("globalAlias", alias)));
        cases.put("KEY_NOT_FOUND", HttpRequest.POST("/v0/bucket", Map.of("localAlias", Map.of("accessKeyId", "GKnobody", "alias", unique("x")))));
        cases.put("MALFORMED_REQUEST", HttpRequest.POST("/v0/bucket", "{\"globalAlias\": ").contentType("application/json"));
        // A number where a name belongs is read as its text, which is no valid bucket name.
        cases.put("BUCKET_ALIAS_INVALID ", HttpRequest.POST("/v0/bucket", "{\"globalAlias\": 42}").contentType("application/json"));
        cases.put("MALFORMED_REQUEST ", HttpRequest.PUT("/v0/bucket?id=" + bucket.id(), "{\"quotas\": {\"maxSize\": \"lots\"}}")
                .contentType("application/json"));
        cases.put("BUCKET_NOT_FOUND", HttpRequest.GET("/v0/bucket?id=" + "0".repeat(64)));
        cases.put("BUCKET_QUERY_INVALID", HttpRequest.GET("/v0/bucket?id=" + bucket.id() + "&globalAlias=" + alias));
        cases.put("BUCKET_UPDATE_INVALID", HttpRequest.PUT("/v0/bucket?id=" + bucket.id(), Map.of("websiteAccess", Map.of("enabled", true))));
        cases.put("BUCKET_UPDATE_INVALID ", HttpRequest.PUT("/v0/bucket?id=" + bucket.id(),
                Map.of("websiteAccess", Map.of("enabled", false, "indexDocument", "index.html"))));
        cases.put("BUCKET_UPDATE_INVALID  ", HttpRequest.PUT("/v0/bucket?id=" + bucket.id(), Map.of("quotas", Map.of("maxSize", -1))));
        cases.put("BUCKET_ALIAS_NOT_FOUND", HttpRequest.DELETE("/v0/bucket/alias/global?id=" + bucket.id() + "&alias=nope-nope"));
        cases.put("BUCKET_USAGE_INVALID", HttpRequest.PUT("/steward/v1/buckets/" + bucket.id() + "/usage", Map.of("objects", -3, "bytes", 0)));
        cases.forEach((code, request) -> {
            HttpClientResponseException error = refused(request);
            assertTrue(error.getStatus().getCode() >= 400 && error.getStatus().getCode() < 500, code + ": " + error.getStatus());
            assertEquals(code.trim(), problemCode(error), request.getPath());
        });

        BucketViews.BucketInfo unchanged = info("id=" + bucket.id());
        assertEquals(bucket, unchanged);
        assertFalse(unchanged.websiteAccess());
        assertEquals(before, http.toBlocking().retrieve(getAsAdmin("/v0/bucket", tokens), Argument.listOf(Map.class)).size());
    }
}
