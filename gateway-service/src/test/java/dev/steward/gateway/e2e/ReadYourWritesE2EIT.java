package dev.steward.gateway.e2e;

import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client written for the references treats an answered call as done. Each case issues the
 * dependent request the moment the mutation is answered — no sleep, no retry — through the other
 * gateway, to a service that learns of the change from Kafka; repeated so that a race shows.
 */
class ReadYourWritesE2EIT extends AbstractStackE2E {

    private static final int ROUNDS = 50;

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(2, Map.of());
    }

    private HttpResponse<String> on(String gateway, String method, String pathAndQuery, String body) throws Exception {
        return exchange(method, stack.url(gateway) + pathAndQuery, stack.adminToken(), body, "application/json");
    }

    private String createKey(String name) throws Exception {
        HttpResponse<String> created = on("gateway", "POST", "/v0/key", "{\"name\":\"" + name + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        return (String) object(created).get("accessKeyId");
    }

    @Test
    void aBucketCanBeAllowedAndItsKeysReadBackAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = createKey("ryw-allow-" + round);
            HttpResponse<String> bucket = on("gateway", "POST", "/v0/bucket", "{\"globalAlias\":\"ryw-allow-" + round + "-" + UUID.randomUUID() + "\"}");
            assertEquals(200, bucket.statusCode(), bucket.body());
            String bucketId = (String) object(bucket).get("id");

            String change = "{\"bucketId\":\"" + bucketId + "\",\"accessKeyId\":\"" + key + "\",\"permissions\":{\"read\":true,\"write\":true,\"owner\":false}}";
            HttpResponse<String> allowed = on("gateway-2", "POST", "/v0/bucket/allow", change);
            assertEquals(200, allowed.statusCode(), "round " + round + ": allow right after CreateBucket: " + allowed.body());
            assertEquals(Map.of("read", true, "write", true, "owner", false), permissionsOf(on("gateway", "GET", "/v0/bucket?id=" + bucketId, null), key),
                    "round " + round + ": GetBucketInfo right after BucketAllowKey");

            HttpResponse<String> denied = on("gateway", "POST", "/v0/bucket/deny", change.replace("\"owner\":false", "\"owner\":true"));
            assertEquals(200, denied.statusCode(), denied.body());
            Map<?, ?> afterDeny = permissionsOf(on("gateway-2", "GET", "/v0/bucket?id=" + bucketId, null), key);
            assertTrue(afterDeny == null || afterDeny.equals(Map.of("read", false, "write", false, "owner", false)),
                    "round " + round + ": GetBucketInfo right after BucketDenyKey still shows " + afterDeny);
        }
    }

    /** The reference answers BucketAllowKey and BucketDenyKey with GetBucketInfo's body, the new permissions in it. */
    @Test
    void allowAndDenyAnswerWithTheBucketsFullInfo() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = createKey("ryw-info-" + round);
            HttpResponse<String> bucket = on("gateway", "POST", "/v0/bucket", "{\"globalAlias\":\"ryw-info-" + round + "-" + UUID.randomUUID() + "\"}");
            String bucketId = (String) object(bucket).get("id");
            String change = "{\"bucketId\":\"" + bucketId + "\",\"accessKeyId\":\"" + key + "\",\"permissions\":{\"read\":true,\"write\":true,\"owner\":true}}";

            HttpResponse<String> allowed = on("gateway-2", "POST", "/v0/bucket/allow", change);
            assertEquals(200, allowed.statusCode(), allowed.body());
            assertEquals(Map.of("read", true, "write", true, "owner", true), permissionsOf(allowed, key), "round " + round + ": " + allowed.body());
            assertEquals(object(on("gateway", "GET", "/v0/bucket?id=" + bucketId, null)), object(allowed),
                    "round " + round + ": BucketAllowKey answers as GetBucketInfo");
            assertTrue(object(allowed).containsKey("websiteAccess") && object(allowed).containsKey("quotas"), allowed.body());

            HttpResponse<String> denied = on("gateway", "POST", "/v0/bucket/deny", change.replace("\"read\":true", "\"read\":false"));
            assertEquals(200, denied.statusCode(), denied.body());
            assertEquals(Map.of("read", true, "write", false, "owner", false), permissionsOf(denied, key), "round " + round + ": " + denied.body());
            assertEquals(object(on("gateway-2", "GET", "/v0/bucket?id=" + bucketId, null)), object(denied),
                    "round " + round + ": BucketDenyKey answers as GetBucketInfo");
        }
    }

    @Test
    void aKeySeesTheBucketsCreatedAndDeletedForIt() throws Exception {
        String key = createKey("ryw-local");
        for (int round = 0; round < ROUNDS; round++) {
            String alias = "ryw-local-" + round;
            HttpResponse<String> bucket = on("gateway", "POST", "/v0/bucket", "{\"localAlias\":{\"accessKeyId\":\"" + key + "\",\"alias\":\"" + alias
                    + "\",\"allow\":{\"read\":true,\"write\":false,\"owner\":false}}}");
            assertEquals(200, bucket.statusCode(), "round " + round + ": " + bucket.body());
            String bucketId = (String) object(bucket).get("id");
            assertTrue(bucketIdsOf(on("gateway-2", "GET", "/v0/key?id=" + key, null)).contains(bucketId),
                    "round " + round + ": GetKeyInfo right after CreateBucket with a local alias");

            HttpResponse<String> deleted = on("gateway-2", "DELETE", "/v0/bucket?id=" + bucketId, null);
            assertTrue(deleted.statusCode() / 100 == 2, deleted.body());
            assertTrue(!bucketIdsOf(on("gateway", "GET", "/v0/key?id=" + key, null)).contains(bucketId),
                    "round " + round + ": GetKeyInfo right after DeleteBucket still lists it");
        }
    }

    @Test
    void aListedVolumeHasItsExports() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "ryw" + round;
            HttpResponse<String> created = on("gateway", "POST", "/v1/volumes", "{\"name\":\"" + name + "\",\"replica\":1,\"bricks\":[\"node1:/bricks/" + name + "\"]}");
            assertTrue(created.statusCode() / 100 == 2, created.body());
            List<Map> volumes = json.readValue(on("gateway-2", "GET", "/api/v1/volumes", null).body(), Argument.listOf(Map.class));
            Number id = volumes.stream().filter(volume -> name.equals(volume.get("name"))).map(volume -> (Number) volume.get("id"))
                    .findFirst().orElseThrow(() -> new AssertionError("the created volume is not listed"));
            HttpResponse<String> exports = on("gateway-2", "GET", "/api/v1/volumes/" + id + "/exports", null);
            assertEquals(200, exports.statusCode(), "round " + round + ": exports of a listed volume: " + exports.body());
        }
    }

    private Map<?, ?> permissionsOf(HttpResponse<String> bucketInfo, String key) throws Exception {
        assertEquals(200, bucketInfo.statusCode(), bucketInfo.body());
        List<?> keys = (List<?>) object(bucketInfo).get("keys");
        return keys.stream().map(Map.class::cast).filter(entry -> key.equals(entry.get("accessKeyId")))
                .map(entry -> (Map<?, ?>) entry.get("permissions")).findFirst().orElse(null);
    }

    private List<String> bucketIdsOf(HttpResponse<String> keyInfo) throws Exception {
        assertEquals(200, keyInfo.statusCode(), keyInfo.body());
        return ((List<?>) object(keyInfo).get("buckets")).stream().map(Map.class::cast).map(bucket -> (String) bucket.get("id")).toList();
    }
}
