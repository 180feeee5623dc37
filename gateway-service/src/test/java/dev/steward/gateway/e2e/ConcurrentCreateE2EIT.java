package dev.steward.gateway.e2e;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 clients create the same name at once: the database's uniqueness decides, one wins and every
 * other gets the 409 a sequential duplicate gets — never a 500, never a silent drop.
 */
class ConcurrentCreateE2EIT extends AbstractStackE2E {

    private static final int CLIENTS = 50;

    /** Sends {@code CLIENTS} requests released together; returns the count of each status and code. */
    private Map<String, Long> race(String path, IntFunction<String> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        HttpResponse<String> response = call("POST", path, body.apply(client));
                        if (response.statusCode() < 300) {
                            return String.valueOf(response.statusCode());
                        }
                        return response.statusCode() + " " + object(response).get("code");
                    } catch (Exception e) {
                        return "failed " + e;
                    }
                }, pool));
            }
            start.countDown();
            return outcomes.stream().map(CompletableFuture::join).collect(Collectors.groupingBy(outcome -> outcome, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    private int bucketCount() throws Exception {
        return json.readValue(call("GET", "/v0/bucket", null).body(), io.micronaut.core.type.Argument.listOf(Map.class)).size();
    }

    private static void assertOneWinner(Map<String, Long> outcomes, String success, String conflict) {
        assertEquals(Map.of(success, 1L, "409 " + conflict, (long) CLIENTS - 1), outcomes);
    }

    @Test
    void theSameGlobalAliasIsGivenToOneBucketOnly() throws Exception {
        String alias = "race-" + UUID.randomUUID();
        int before = bucketCount();
        assertOneWinner(race("/v0/bucket", client -> "{\"globalAlias\":\"" + alias + "\"}"), "200", "BUCKET_ALIAS_TAKEN");
        assertEquals(before + 1, bucketCount(), "no bucket was left behind without its alias");
        assertEquals(200, call("GET", "/v0/bucket?globalAlias=" + alias, null).statusCode());
    }

    @Test
    void theSameLocalAliasOfOneKeyIsGivenToOneBucketOnly() throws Exception {
        HttpResponse<String> key = call("POST", "/v0/key", "{\"name\":\"race-key-" + UUID.randomUUID() + "\"}");
        String keyId = (String) object(key).get("accessKeyId");
        String alias = "race-local-" + UUID.randomUUID().toString().substring(0, 8);
        int before = bucketCount();
        assertOneWinner(race("/v0/bucket", client -> "{\"localAlias\":{\"accessKeyId\":\"" + keyId + "\",\"alias\":\"" + alias + "\"}}"),
                "200", "BUCKET_ALIAS_TAKEN");
        assertEquals(before + 1, bucketCount(), "no bucket was left behind without its alias");
    }

    @Test
    void theSameKeyNameIsGivenToOneKeyOnly() throws Exception {
        String name = "race-name-" + UUID.randomUUID();
        assertOneWinner(race("/v0/key", client -> "{\"name\":\"" + name + "\"}"), "200", "KEY_NAME_TAKEN");
    }

    @Test
    void theSameTokenNameIsGivenToOneTokenOnly() throws Exception {
        String name = "race-token-" + UUID.randomUUID().toString().substring(0, 8);
        assertOneWinner(race("/steward/v1/tokens", client -> "{\"name\":\"" + name + "\",\"role\":\"auditor\"}"), "201", "TOKEN_NAME_TAKEN");
    }

    @Test
    void theSameVolumeNameIsGivenToOneVolumeOnly() throws Exception {
        String name = "race" + UUID.randomUUID().toString().substring(0, 8);
        assertOneWinner(race("/v1/volumes", client -> "{\"name\":\"" + name + "\",\"bricks\":[\"n1:/bricks/" + name + "\"]}"),
                "201", "VOLUME_NAME_TAKEN");
        assertTrue(call("GET", "/v1/volumes/" + name, null).statusCode() == 200);
    }
}
