package dev.steward.identity.audit;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.ProcessedEventRepository;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceEventAuditIntegrationTest extends AbstractIdentityTest {

    @Inject
    AuditRepository audit;

    @Inject
    ProcessedEventRepository processed;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;


    static String nodeConnectedEvent(String eventId, String nodeId) {
        return TestEvents.nodeConnected(eventId, nodeId, "10.1.1.1:3901", OffsetDateTime.now());
    }

    @Test
    void aRedeliveredEventIsAuditedExactlyOnce() {
        String eventId = UUID.randomUUID().toString();
        String nodeId = UUID.randomUUID().toString().replace("-", "");
        String event = nodeConnectedEvent(eventId, nodeId);

        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, event);
        Eventually.await(Duration.ofSeconds(30), () -> audit.findByEventId(eventId), entries -> entries.size() == 1,
                "the event to be audited");

        // Redelivery: the same event again, as after a crash before the offset commit or a relay re-send,
        // followed by an unreadable record and a fresh event as markers that the consumer moved past both.
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, event);
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, "{not json");
        String markerId = UUID.randomUUID().toString();
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, nodeConnectedEvent(markerId, nodeId));
        Eventually.await(Duration.ofSeconds(30), () -> audit.findByEventId(markerId), entries -> entries.size() == 1,
                "the marker event to be audited");

        List<AuditEntry> entries = audit.findByEventId(eventId);
        assertEquals(1, entries.size(), "a redelivered event must not add a second audit entry");
        AuditEntry entry = entries.get(0);
        assertEquals("token:ops", entry.actor());
        assertEquals("203.0.113.9", entry.clientIp());
        assertEquals("cluster-service", entry.service());
        assertEquals("node/" + nodeId, entry.target());
        assertEquals(2, audit.findByTarget("node/" + nodeId).size(), "the original and the marker, nothing else");
    }

    @Test
    void adminsReadTheAuditTrailNewestFirst() {
        String eventId = UUID.randomUUID().toString();
        String nodeId = UUID.randomUUID().toString().replace("-", "");
        KafkaTestClient.send(Topics.CLUSTER_EVENTS, nodeId, nodeConnectedEvent(eventId, nodeId));
        Eventually.await(Duration.ofSeconds(30), () -> audit.findByEventId(eventId), entries -> entries.size() == 1, "audit");

        String admin = tokens.issue("token:auditor", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", null);
        List<Map> page = http.toBlocking().retrieve(HttpRequest.GET("/steward/v1/audit?limit=1").bearerAuth(admin), Argument.listOf(Map.class));
        assertEquals(1, page.size());
        assertTrue(((Number) page.get(0).get("id")).longValue() >= audit.findByEventId(eventId).get(0).id());

        HttpClientResponseException badLimit = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/steward/v1/audit?limit=0").bearerAuth(admin)));
        assertEquals(HttpStatus.BAD_REQUEST, badLimit.getStatus());
        assertEquals("AUDIT_LIMIT_INVALID", badLimit.getResponse().getBody(Map.class).orElseThrow().get("code"));
    }
}
