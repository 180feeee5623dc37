package dev.steward.cluster.events;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.cluster.ClusterTestSupport;
import dev.steward.cluster.bucket.KeyProjectionRepository;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import dev.steward.common.inbox.InfrastructureUnavailableException;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A poison event is retried, parked, listed and replayable; the events behind it go on; an outage parks nothing. */
class DeadLetterIntegrationTest extends AbstractClusterTest {

    private static final String DEAD_LETTERS = "/steward/v1/dead-letters/cluster";

    @Inject
    KeyProjectionRepository keys;

    @Inject
    Inbox inbox;

    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> properties() {
        return Map.of("steward.events.retry.attempts", "3", "steward.events.retry.initial-backoff", "50ms");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parked(String needle) {
        return ((List<Map<String, Object>>) get(DEAD_LETTERS + "?limit=500").get("deadLetters")).stream()
                .filter(entry -> String.valueOf(entry.get("payloadText")).contains(needle)
                        || String.valueOf(entry.get("consumer")).contains(needle))
                .toList();
    }

    @Test
    void poisonEventsOnTheIdentityTopicAreParkedAndTheEventsBehindThemApplied() {
        String partitionKey = "key/" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        String withoutSource = TestEvents.event(UUID.randomUUID().toString(), "identity", "KeyCreated", partitionKey,
                "{\"accessKeyId\":\"GK" + marker + "a\",\"name\":\"no-source\"}").replace("\"source\":\"/steward/identity-service\",", "");
        // A key without a name breaks known_key's NOT NULL on every try: the failure is the event's, not the database's.
        String failing = TestEvents.event(UUID.randomUUID().toString(), "identity", "KeyCreated", partitionKey,
                "{\"accessKeyId\":\"GK" + marker + "b\",\"name\":null}");
        String good = "GK" + marker + "c";
        KafkaTestClient.send(Topics.IDENTITY_EVENTS, partitionKey, withoutSource);
        KafkaTestClient.send(Topics.IDENTITY_EVENTS, partitionKey, failing);
        KafkaTestClient.send(Topics.IDENTITY_EVENTS, partitionKey, TestEvents.event(UUID.randomUUID().toString(), "identity",
                "KeyCreated", partitionKey, "{\"accessKeyId\":\"" + good + "\",\"name\":\"behind-the-poison\"}"));

        Eventually.await(Duration.ofSeconds(30), () -> keys.keyName(good), name -> name.isPresent(),
                "the event behind two poison events to be applied");

        List<Map<String, Object>> parked = Eventually.await(Duration.ofSeconds(10), () -> parked(marker), found -> found.size() == 2,
                "both poison events to be listed");
        Map<String, Object> unreadable = parked.stream().filter(entry -> String.valueOf(entry.get("payloadText")).contains("no-source"))
                .findFirst().orElseThrow();
        Map<String, Object> broken = parked.stream().filter(entry -> entry != unreadable).findFirst().orElseThrow();
        assertEquals("cluster-service.identity", unreadable.get("consumer"));
        assertEquals(Topics.IDENTITY_EVENTS, unreadable.get("topic"));
        assertEquals(1, unreadable.get("attempts"), "an unreadable event is parked at once: " + unreadable);
        assertTrue(String.valueOf(unreadable.get("error")).contains("source"), unreadable.toString());
        assertEquals(3, broken.get("attempts"), "retried as configured, then parked: " + broken);
        assertTrue(String.valueOf(broken.get("error")).contains("null"), broken.toString());

        List<String> onDlq = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS + ".dlq", value -> value.contains(marker),
                found -> found.size() >= 2, Duration.ofSeconds(15));
        assertEquals(2, onDlq.size(), "both are on the dead-letter topic for outside tools");
        assertTrue(meters.counter("steward.events.dead.lettered", "consumer", "cluster-service.identity", "topic", Topics.IDENTITY_EVENTS)
                .count() >= 2, "counted");

        // The broken event fails again on replay: it stays parked, with one more attempt.
        HttpClientResponseException again = refused(HttpRequest.POST(DEAD_LETTERS + "/" + broken.get("id") + "/replay", Map.of()));
        assertEquals(409, again.getStatus().getCode());
        assertEquals("DEAD_LETTER_REPLAY_FAILED", ClusterTestSupport.problemCode(again));
        assertEquals(4, parked(marker).stream().filter(entry -> entry.get("id").equals(broken.get("id"))).findFirst().orElseThrow()
                .get("attempts"));
    }

    @Test
    void aParkedEventIsAppliedOnceWhenReplayedAfterTheCauseIsFixed() {
        String consumer = "test.flaky-" + UUID.randomUUID();
        AtomicBoolean fixed = new AtomicBoolean();
        AtomicInteger applied = new AtomicInteger();
        Inbox.Handler handler = inbox.handler(consumer, event -> {
            if (!fixed.get()) {
                throw new IllegalStateException("the projection has no row for this yet");
            }
            applied.incrementAndGet();
        });
        handler.deliver(TestEvents.record(Topics.IDENTITY_EVENTS, TestEvents.event(UUID.randomUUID().toString(), "identity",
                "KeyCreated", "key/x", "{\"accessKeyId\":\"GKflaky\",\"name\":\"n\"}")));
        Map<String, Object> letter = parked(consumer).get(0);
        assertEquals(3, letter.get("attempts"));
        assertEquals(0, applied.get());

        fixed.set(true);
        Map<String, Object> outcome = post(DEAD_LETTERS + "/" + letter.get("id") + "/replay", Map.of());
        assertEquals(Boolean.TRUE, outcome.get("applied"), outcome.toString());
        assertEquals(1, applied.get());
        assertTrue(parked(consumer).get(0).get("replayedAt") != null);

        HttpClientResponseException twice = refused(HttpRequest.POST(DEAD_LETTERS + "/" + letter.get("id") + "/replay", Map.of()));
        assertEquals("DEAD_LETTER_REPLAYED", ClusterTestSupport.problemCode(twice));
        assertEquals(1, applied.get(), "a second replay applies nothing");
        assertEquals(404, refused(HttpRequest.POST(DEAD_LETTERS + "/999999999/replay", Map.of())).getStatus().getCode());
    }

    @Test
    void anUnavailableDatabaseIsWaitedForAndParksNothing() {
        String consumer = "test.outage-" + UUID.randomUUID();
        AtomicInteger tries = new AtomicInteger();
        Inbox.Handler handler = inbox.handler(consumer, event -> {
            tries.incrementAndGet();
            throw new IllegalStateException("cannot commit", new SQLTransientConnectionException("connection is not available"));
        });
        assertThrows(InfrastructureUnavailableException.class, () -> handler.deliver(TestEvents.record(Topics.IDENTITY_EVENTS,
                TestEvents.event(UUID.randomUUID().toString(), "identity", "KeyCreated", "key/y", "{\"accessKeyId\":\"GKy\",\"name\":\"n\"}"))));
        assertEquals(1, tries.get(), "no retry ladder: the listener re-polls the record until the database is back");
        assertFalse(parked(consumer).iterator().hasNext(), "an outage is not the event's fault");
    }
}
