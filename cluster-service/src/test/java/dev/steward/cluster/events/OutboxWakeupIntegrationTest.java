package dev.steward.cluster.events;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event committed outside any request (a Kafka consumer's effect, a scheduled job) is on Kafka
 * at once, not at the relay's next poll: the commit NOTIFYs every relay. The poll is set to an hour
 * here, so only the notification can publish it in time.
 */
class OutboxWakeupIntegrationTest extends AbstractClusterTest {

    @Inject
    Outbox outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> properties() {
        return Map.of("steward.outbox.relay.interval", "1h");
    }

    private String commitProbe() {
        String marker = UUID.randomUUID().toString();
        transactions.executeWrite(status -> outbox.append(Topics.CLUSTER_EVENTS, EventTypes.type("cluster", "WakeupProbed"), marker,
                "probe/" + marker, Map.of("marker", marker), Actor.system("test")));
        return marker;
    }

    @Test
    void anEventCommittedOutsideARequestIsPublishedWithoutWaitingForThePoll() {
        for (int i = 0; i < 3; i++) {
            String marker = commitProbe();
            List<String> found = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(marker),
                    values -> !values.isEmpty(), Duration.ofSeconds(5));
            assertEquals(1, found.size(), "the event of commit " + i + " on Kafka within 5 s, with the poll an hour away");
        }
    }

    @Test
    void aRolledBackEventIsNeverPublished() {
        String marker = UUID.randomUUID().toString();
        try {
            transactions.executeWrite(status -> {
                outbox.append(Topics.CLUSTER_EVENTS, EventTypes.type("cluster", "WakeupProbed"), marker, "probe/" + marker,
                        Map.of("marker", marker), Actor.system("test"));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the transaction is gone, with its event and its notification
        }
        String after = commitProbe(); // wakes the relay: anything of the rolled-back one would be published before it
        List<String> found = KafkaTestClient.readUntil(Topics.CLUSTER_EVENTS, value -> value.contains(marker) || value.contains(after),
                values -> values.stream().anyMatch(value -> value.contains(after)), Duration.ofSeconds(5));
        assertEquals(1, found.size(), "only the committed probe: " + found);
    }
}
