package dev.steward.cluster.events;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.common.outbox.OutboxEvent;
import dev.steward.common.outbox.OutboxRepository;
import dev.steward.common.text.Bounded;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No event can jam the relay: input echoed into details is capped, oversized events are refused when written, and set aside if Kafka refuses one anyway. */
class OutboxLimitsIntegrationTest extends AbstractClusterTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRepository repository;

    @Inject
    TransactionOperations<Connection> transactions;

    private static String big(String marker, int size) {
        return marker + "x".repeat(size);
    }

    @Test
    void aRefusalThatEchoesAMegabyteOfInputIsPublishedCappedAndTheRelayGoesOn() {
        String marker = "m" + UUID.randomUUID().toString().replace("-", "");
        HttpClientResponseException refusal = refused(HttpRequest.POST("/v1/volumes",
                Map.of("name", "echo" + marker.substring(0, 8), "bricks", List.of("n1:" + big(marker, 1_200_000)))));
        assertEquals(400, refusal.getStatus().getCode());
        String detail = String.valueOf(refusal.getResponse().getBody(Map.class).orElseThrow().get("detail"));
        assertTrue(detail.contains(marker) && detail.length() <= Bounded.DETAIL, "capped detail, " + detail.length() + " chars");

        List<String> published = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(marker) && value.contains("RequestRefused"),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, published.size(), "the refusal reached Kafka");
        assertTrue(published.get(0).length() < 10_000, published.get(0).length() + " bytes");
        Eventually.await(Duration.ofSeconds(10), repository::countUnpublished, pending -> pending == 0, "the outbox to drain");
    }

    @Test
    void anEventLargerThanKafkaTakesIsRefusedInTheWritingTransaction() {
        String key = "too-big-" + UUID.randomUUID();
        ProblemException refused = assertThrows(ProblemException.class, () -> transactions.executeWrite(status ->
                outbox.append(Topics.CLUSTER_EVENTS, "dev.steward.cluster.Test.v1", key, null, Map.of("blob", big(key, 1_000_000)),
                        Actor.system("test"))));
        assertEquals(413, refused.code().status().getCode());
        assertTrue(refused.getMessage().contains("900000"), refused.getMessage());
        assertTrue(repository.findAll().stream().noneMatch(event -> key.equals(event.messageKey())), "nothing was written");
    }

    @Test
    void anEventKafkaRefusesIsSetAsideAndTheEventsBehindItArePublished() {
        String marker = "aside-" + UUID.randomUUID();
        // Written past the size check, as a row from before it would be: 1.5 MB is over the producer's 1 MiB.
        OutboxEvent tooLarge = transactions.executeWrite(status -> repository.save(new OutboxEvent(null, UUID.randomUUID().toString(),
                Topics.CLUSTER_EVENTS, marker, "{\"blob\":\"" + big(marker, 1_500_000) + "\"}", Instant.now(), null, null, null)));
        String behind = UUID.randomUUID().toString();
        transactions.executeWrite(status -> outbox.append(Topics.CLUSTER_EVENTS, "dev.steward.cluster.Test.v1", marker, null,
                Map.of("behind", behind), Actor.system("test")));

        List<String> published = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(behind),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, published.size(), "the event behind the refused one was published");
        OutboxEvent setAside = repository.findById(tooLarge.id()).orElseThrow();
        assertNull(setAside.publishedAt());
        assertNotNull(setAside.failedAt(), "set aside, not re-sent for ever");
        assertTrue(setAside.error().contains("RecordTooLarge"), setAside.error());
        Eventually.await(Duration.ofSeconds(10), repository::countUnpublished, pending -> pending == 0, "the outbox to drain");
    }

    /**
     * send() answers a missing or forbidden topic (like a broker without metadata) with a future that
     * has already failed, after waiting; the events behind it must not be sent meanwhile, or they
     * reach Kafka before it (UpdateSurvivesKafkaRestartIT saw JobProgressed before JobAccepted).
     */
    @Test
    void nothingOvertakesAnEventKafkaCannotTakeYet() {
        String marker = "stuck-" + UUID.randomUUID();
        OutboxEvent stuck = transactions.executeWrite(status -> repository.save(new OutboxEvent(null, UUID.randomUUID().toString(),
                "steward.not-granted.v1", marker, "{\"stuck\":\"" + marker + "\"}", Instant.now(), null, null, null)));
        String behind = UUID.randomUUID().toString();
        try {
            transactions.executeWrite(status -> outbox.append(Topics.CLUSTER_EVENTS, "dev.steward.cluster.Test.v1", marker, null,
                    Map.of("behind", behind), Actor.system("test")));
            List<String> overtook = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(behind),
                    found -> !found.isEmpty(), Duration.ofSeconds(15));
            assertEquals(List.of(), overtook, "the event behind waits for the stuck one");
            assertNull(repository.findById(stuck.id()).orElseThrow().publishedAt());
        } finally {
            transactions.executeWrite(status -> {
                repository.deleteById(stuck.id());
                return null;
            });
        }
        List<String> published = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(behind),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, published.size(), "once the stuck event is gone, the relay carries on");
    }
}
