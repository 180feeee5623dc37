package dev.steward.identity.permission;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BucketAllowKey / BucketDenyKey over buckets learned from cluster-service's events, and GetKeyInfo's bucket list. */
class BucketPermissionIntegrationTest extends AbstractIdentityTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    ClusterBucketProjection projection;

    @Inject
    BucketPermissionService service;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", "192.0.2.1"));
    }

    private Map<?, ?> call(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(admin(request), Map.class);
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(admin(request), Map.class));
    }

    private static String bucketId() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** cluster-service announces a bucket, as it does on CreateBucket. */
    private void bucketCreated(String bucketId, String globalAlias, String grantJson, String localAliasesJson) {
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, bucketId, TestEvents.event(UUID.randomUUID().toString(), "cluster", "BucketCreated",
                "bucket/" + bucketId, "{\"bucketId\":\"" + bucketId + "\",\"globalAliases\":[\"" + globalAlias + "\"],\"localAliases\":"
                        + localAliasesJson + ",\"websiteAccess\":false,\"quotas\":{\"maxSize\":null,\"maxObjects\":null},\"grant\":" + grantJson + "}"));
    }

    private List<?> bucketsOf(String keyId) {
        return (List<?>) call(HttpRequest.GET("/v0/key?id=" + keyId)).get("buckets");
    }

    @Test
    void allowAndDenyChangeOnlyTheFlagsSetAndShowInKeyInfo() {
        String keyId = (String) call(HttpRequest.POST("/v0/key", Map.of("name", "perm-" + UUID.randomUUID()))).get("accessKeyId");
        String bucket = bucketId();
        bucketCreated(bucket, "shared-" + bucket.substring(0, 8), "null", "[]");
        Map<String, Object> allow = new LinkedHashMap<>();
        allow.put("bucketId", bucket);
        allow.put("accessKeyId", keyId);
        allow.put("permissions", Map.of("read", true, "write", true, "owner", false));
        Map<?, ?> granted = Eventually.await(Duration.ofSeconds(20), () -> {
            try {
                return call(HttpRequest.POST("/v0/bucket/allow", allow));
            } catch (HttpClientResponseException e) {
                return null;
            }
        }, body -> body != null, "identity-service to learn bucket " + bucket);
        assertEquals(bucket, granted.get("id"));

        List<?> buckets = bucketsOf(keyId);
        assertEquals(1, buckets.size());
        Map<?, ?> entry = (Map<?, ?>) buckets.get(0);
        assertEquals(List.of("shared-" + bucket.substring(0, 8)), entry.get("globalAliases"));
        assertEquals(Map.of("read", true, "write", true, "owner", false), entry.get("permissions"));

        // Deny write only: read stays.
        call(HttpRequest.POST("/v0/bucket/deny", Map.of("bucketId", bucket, "accessKeyId", keyId,
                "permissions", Map.of("read", false, "write", true, "owner", false))));
        assertEquals(Map.of("read", true, "write", false, "owner", false), ((Map<?, ?>) bucketsOf(keyId).get(0)).get("permissions"));

        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS,
                value -> value.contains("BucketKeyPermissionChanged") && value.contains(bucket), found -> found.size() >= 2, Duration.ofSeconds(20));
        assertTrue(events.get(1).contains("\"write\":false"), events.get(1));

        // The bucket is deleted in cluster-service: it leaves the key's list.
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, bucket, TestEvents.event(UUID.randomUUID().toString(), "cluster", "BucketDeleted",
                "bucket/" + bucket, "{\"bucketId\":\"" + bucket + "\",\"globalAliases\":[],\"localAliases\":[],\"websiteAccess\":false,"
                        + "\"quotas\":{\"maxSize\":null,\"maxObjects\":null},\"grant\":null}"));
        Eventually.await(Duration.ofSeconds(20), () -> bucketsOf(keyId), List::isEmpty, "the deleted bucket to leave GetKeyInfo");
    }

    @Test
    void aGrantMadeWithCreateBucketBecomesIdentitysOwn() {
        String keyId = (String) call(HttpRequest.POST("/v0/key", Map.of("name", "owner-" + UUID.randomUUID()))).get("accessKeyId");
        String bucket = bucketId();
        bucketCreated(bucket, "g-" + bucket.substring(0, 8), "{\"accessKeyId\":\"" + keyId + "\",\"read\":true,\"write\":true,\"owner\":true}",
                "[{\"accessKeyId\":\"" + keyId + "\",\"alias\":\"mine\"}]");
        List<?> buckets = Eventually.await(Duration.ofSeconds(20), () -> bucketsOf(keyId), list -> !list.isEmpty(), "the grant to arrive");
        Map<?, ?> entry = (Map<?, ?>) buckets.get(0);
        assertEquals(List.of("mine"), entry.get("localAliases"));
        assertEquals(Map.of("read", true, "write", true, "owner", true), entry.get("permissions"));
    }

    /**
     * A bucket event writes the bucket, its local aliases and the grant in one transaction; GetKeyInfo
     * reads them in several statements, so it must read one snapshot or it can show the alias without
     * the grant (seen in CI as permissions all false).
     */
    @Test
    void keyInfoNeverShowsABucketEventHalfApplied() throws Exception {
        String keyId = (String) call(HttpRequest.POST("/v0/key", Map.of("name", "torn-" + UUID.randomUUID()))).get("accessKeyId");
        int rounds = 300;
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CompletableFuture<String> torn = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            while (!done.get()) {
                reads.incrementAndGet();
                for (PermissionViews.KeyBucket bucket : service.bucketsOf(keyId)) {
                    if (!Boolean.TRUE.equals(bucket.permissions().owner())) {
                        return bucket.id() + " " + bucket.localAliases() + " " + bucket.permissions();
                    }
                }
            }
            return null;
        });
        for (int i = 0; i < rounds && !torn.isDone(); i++) {
            String bucket = bucketId();
            String event = TestEvents.event(UUID.randomUUID().toString(), "cluster", "BucketCreated", "bucket/" + bucket,
                    "{\"bucketId\":\"" + bucket + "\",\"globalAliases\":[],\"localAliases\":[{\"accessKeyId\":\"" + keyId
                            + "\",\"alias\":\"a" + i + "\"}],\"websiteAccess\":false,\"quotas\":{\"maxSize\":null,\"maxObjects\":null},"
                            + "\"grant\":{\"accessKeyId\":\"" + keyId + "\",\"read\":true,\"write\":true,\"owner\":true}}");
            projection.onClusterEvent(TestEvents.record(dev.steward.common.event.Topics.CLUSTER_EVENTS, event));
        }
        done.set(true);
        assertEquals(null, torn.get(), "a read between the alias and the grant (after " + reads.get() + " reads)");
        assertTrue(reads.get() > rounds / 10, "the reader ran alongside the writer: " + reads.get() + " reads");
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        String keyId = (String) call(HttpRequest.POST("/v0/key", Map.of("name", "bad-" + UUID.randomUUID()))).get("accessKeyId");
        Map<String, MutableHttpRequest<?>> cases = new LinkedHashMap<>();
        cases.put("BUCKET_NOT_FOUND", HttpRequest.POST("/v0/bucket/allow", Map.of("bucketId", bucketId(), "accessKeyId", keyId,
                "permissions", Map.of("read", true))));
        cases.put("PERMISSION_REQUEST_INVALID", HttpRequest.POST("/v0/bucket/allow", Map.of("bucketId", bucketId(), "accessKeyId", keyId)));
        cases.put("MALFORMED_REQUEST", HttpRequest.POST("/v0/bucket/deny", "{\"bucketId\": [").contentType("application/json"));
        cases.forEach((code, request) -> {
            HttpClientResponseException error = refused(request);
            assertEquals(HttpStatus.valueOf(code.equals("BUCKET_NOT_FOUND") ? 404 : 400), error.getStatus(), code);
            assertEquals(code, error.getResponse().getBody(Map.class).orElseThrow().get("code"));
        });
        String bucket = bucketId();
        bucketCreated(bucket, "k-" + bucket.substring(0, 8), "null", "[]");
        HttpClientResponseException unknownKey = Eventually.await(Duration.ofSeconds(20),
                () -> refused(HttpRequest.POST("/v0/bucket/allow", Map.of("bucketId", bucket, "accessKeyId", "GKnobody", "permissions", Map.of("read", true)))),
                error -> "KEY_NOT_FOUND".equals(error.getResponse().getBody(Map.class).orElseThrow().get("code")), "an unknown key to be the reason");
        assertEquals(HttpStatus.NOT_FOUND, unknownKey.getStatus());
        assertEquals(List.of(), bucketsOf(keyId));
    }
}
