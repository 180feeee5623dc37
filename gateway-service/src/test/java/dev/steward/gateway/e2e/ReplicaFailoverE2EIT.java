package dev.steward.gateway.e2e;

import dev.steward.common.event.Topics;
import dev.steward.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of every service behind one gateway, under steady mixed load, and one replica of
 * each service killed (SIGKILL) in turn, then started again: no safe request fails, every write
 * either succeeds once or answers 503 and succeeds once retried with its Idempotency-Key, and the
 * outbox relays and consumer groups carry on from the surviving replica: every acknowledged write's
 * event is on Kafka once and applied by every replica of every service.
 */
class ReplicaFailoverE2EIT extends AbstractStackE2E {

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(1, 2, Map.of());
    }

    /** @param firstStatus the first answer; {@code status} the last, after retries of a 503 with the same key */
    record Write(String kind, String name, int firstStatus, int status, String body, String consistency, boolean retried, boolean replayed) {
    }

    @Test
    void killingOneReplicaOfEachServiceInTurnFailsNoSafeRequestAndLosesNoWrite() throws Exception {
        List<String> reads = List.of("/v0/status", "/v0/key", "/steward/v1/jobs", "/v0/bucket");
        Queue<String> failedReads = new ConcurrentLinkedQueue<>();
        Queue<Write> writes = new ConcurrentLinkedQueue<>();
        AtomicInteger readsAnswered = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.add(load.submit(() -> {
                for (int i = client; running.get(); i++) {
                    try {
                        if (i % 3 != 2) {
                            String path = reads.get(i % reads.size());
                            HttpResponse<String> read = call("GET", path, null);
                            if (read.statusCode() != 200) {
                                failedReads.add("GET " + path + " " + read.statusCode() + " " + read.body());
                            }
                            readsAnswered.incrementAndGet();
                        } else {
                            writes.add(write(i % 2 == 0 ? "bucket" : "key", "failover-" + UUID.randomUUID()));
                        }
                    } catch (Exception e) {
                        failedReads.add("client " + client + ": " + e);
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(3000);
            for (String instance : List.of("cluster", "identity", "jobs")) {
                stack.kill(instance);
                Thread.sleep(5000); // load runs against the surviving replica only
                stack.startInstance(instance);
                Thread.sleep(2000);
            }
        } finally {
            running.set(false);
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
            load.shutdown();
        }

        assertEquals(List.of(), failedReads.stream().limit(5).toList(), failedReads.size() + " of " + readsAnswered.get() + " reads failed");
        assertTrue(readsAnswered.get() > 200, "steady load: " + readsAnswered.get() + " reads");
        List<Write> unexpected = writes.stream().filter(write -> !(write.firstStatus() == 200 || write.firstStatus() == 503)).toList();
        assertEquals(List.of(), unexpected, "a write either succeeds or answers 503");
        List<Write> neverDone = writes.stream().filter(write -> write.status() != 200).toList();
        assertEquals(List.of(), neverDone, "every write succeeds once, when a 503 is retried with its Idempotency-Key");
        List<Write> acknowledged = writes.stream().filter(write -> write.status() == 200).toList();
        assertTrue(acknowledged.size() > 50, "writes went on: " + acknowledged.size());
        // Answered "applied", or "pending" while a killed replica still held its partitions (until its
        // Kafka session ran out): either way every projection must have them now.
        // (A replayed answer names no events: the first request's did, and they are checked below.)
        List<Write> unanswered = acknowledged.stream().filter(write -> !write.replayed()).filter(write -> write.consistency() == null
                || !(write.consistency().equals("applied") || write.consistency().startsWith("pending"))).toList();
        assertEquals(List.of(), unanswered, "every acknowledged write says whether its effect is applied everywhere");
        long pending = acknowledged.stream().filter(write -> write.consistency() != null && write.consistency().startsWith("pending")).count();
        System.out.printf("failover: %d reads, %d writes (%d answered pending), %d first answered 503 and were retried with their key,"
                        + " %d of those replayed a first answer%n",
                readsAnswered.get(), writes.size(), pending, writes.stream().filter(Write::retried).count(),
                writes.stream().filter(Write::replayed).count());

        List<Map<String, String>> events = new ArrayList<>();
        events.addAll(eachOnKafkaOnce(Topics.CLUSTER_EVENTS, "BucketCreated", acknowledged, "bucket"));
        events.addAll(eachOnKafkaOnce(Topics.IDENTITY_EVENTS, "KeyCreated", acknowledged, "key"));
        for (String instance : List.of("identity", "identity-2", "cluster", "cluster-2", "jobs", "jobs-2")) {
            HttpResponse<String> applied = exchange("POST", stack.url(instance) + "/internal/v1/applied", serviceToken(),
                    json.writeValueAsString(Map.of("events", events, "waitMillis", 30000)), "application/json");
            assertEquals(200, applied.statusCode(), instance + ": " + applied.body());
            assertEquals(Boolean.TRUE, object(applied).get("applied"), instance + " has not applied: " + applied.body());
        }
        String buckets = call("GET", "/v0/bucket", null).body();
        for (Write bucket : acknowledged.stream().filter(write -> write.kind().equals("bucket")).toList()) {
            assertEquals(1, buckets.split(Pattern.quote("\"" + bucket.name() + "\""), -1).length - 1, bucket.name() + " listed once");
        }
    }

    /** Through the gateway, as a client retrying after a lost answer would: the key reaches the owning service. */
    @Test
    void aRetryThroughTheGatewayWithTheSameKeyGetsTheFirstAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"globalAlias\":\"replayed-" + UUID.randomUUID() + "\"}";
        HttpResponse<String> first = keyedPost("/v0/bucket", body, key);
        HttpResponse<String> retried = keyedPost("/v0/bucket", body, key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(first.body(), retried.body());
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(null));
        HttpResponse<String> other = keyedPost("/v0/bucket", "{\"globalAlias\":\"other-" + UUID.randomUUID() + "\"}", key);
        assertEquals(422, other.statusCode(), other.body());
        assertTrue(other.body().contains("IDEMPOTENCY_KEY_REUSED"), other.body());
    }

    /**
     * One write with its Idempotency-Key; a 503 is retried with the same key, as its Retry-After
     * says, until it is answered otherwise: a retry of a write that was applied gets the first answer.
     */
    private Write write(String kind, String name) throws Exception {
        String path = kind.equals("bucket") ? "/v0/bucket" : "/v0/key";
        String body = kind.equals("bucket") ? "{\"globalAlias\":\"" + name + "\"}" : "{\"name\":\"" + name + "\"}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> answer = keyedPost(path, body, key);
        int first = answer.statusCode();
        boolean retried = false;
        for (int attempt = 0; attempt < 10 && answer.statusCode() == 503; attempt++) {
            Thread.sleep(1000);
            answer = keyedPost(path, body, key);
            retried = true;
        }
        return new Write(kind, name, first, answer.statusCode(), answer.body(), answer.headers().firstValue("Steward-Consistency").orElse(null),
                retried, answer.headers().firstValue("Idempotent-Replayed").isPresent());
    }

    private static String serviceToken() {
        return new dev.steward.common.security.InternalTokenIssuer(
                (java.security.interfaces.ECPrivateKey) StewardStack.INTERNAL_JWT_KEYS.getPrivate(), Duration.ofSeconds(60)).issueForService("gateway");
    }

    /** Each acknowledged write's event, as {topic, id}; the relay may send a record twice across a crash, but never two events for one write. */
    private List<Map<String, String>> eachOnKafkaOnce(String topic, String type, List<Write> acknowledged, String kind) {
        Set<String> names = acknowledged.stream().filter(write -> write.kind().equals(kind)).map(Write::name).collect(Collectors.toSet());
        List<String> events = KafkaTestClient.readUntil(topic, value -> value.contains(type) && value.contains("failover-"),
                found -> names.stream().allMatch(name -> found.stream().anyMatch(value -> value.contains(name))), Duration.ofSeconds(60));
        List<Map<String, String>> found = new ArrayList<>();
        for (String name : names) {
            Set<String> ids = events.stream().filter(value -> value.contains("\"" + name + "\"")).map(this::eventId)
                    .collect(Collectors.toSet());
            assertEquals(1, ids.size(), type + " of " + name + ": " + ids);
            found.add(Map.of("topic", topic, "id", ids.iterator().next()));
        }
        return found;
    }

    private String eventId(String cloudEvent) {
        try {
            return String.valueOf(json.readValue(cloudEvent, Map.class).get("id"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a CloudEvent: " + cloudEvent, e);
        }
    }
}
