package dev.steward.identity.token;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.OutboxRepository;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.identity.audit.AuditRepository;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenIntegrationTest extends AbstractIdentityTest {

    static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    BearerTokenService service;

    @Inject
    BearerTokenRepository repository;

    @Inject
    OutboxRepository outbox;

    @Inject
    AuditRepository audit;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.identity.bootstrap.admin-token", ADMIN_TOKEN);
        properties.put("steward.identity.bootstrap.metrics-token", METRICS_TOKEN);
        return properties;
    }

    private Map<?, ?> lookUp(String hash) {
        return http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/bearer-tokens/" + hash)
                .bearerAuth(tokens.issueForService("gateway")), Map.class);
    }

    @Test
    void bootstrapTokensAreStoredHashedAndFoundByHash() {
        BearerToken stored = repository.findByName("bootstrap-admin").orElseThrow();
        assertEquals(TokenHash.of(ADMIN_TOKEN), stored.tokenHash());
        assertFalse(stored.tokenHash().contains(ADMIN_TOKEN));

        Map<?, ?> admin = lookUp(TokenHash.of(ADMIN_TOKEN));
        assertEquals("bootstrap-admin", admin.get("name"));
        assertEquals("admin", admin.get("role"));
        Map<?, ?> metrics = lookUp(TokenHash.of(METRICS_TOKEN));
        assertEquals("metrics", metrics.get("role"));

        // The registration committed with its event; the relay published it.
        String tokenId = stored.id();
        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS, value -> value.contains(tokenId) && value.contains(IdentityEvents.BEARER_TOKEN_REGISTERED),
                found -> false, Duration.ofSeconds(4));
        assertEquals(1, events.size(), events.toString());
        assertFalse(events.get(0).contains(stored.tokenHash()), "events never carry token hashes");
        assertEquals(1, audit.findByTarget("bearer-token/bootstrap-admin").stream()
                .filter(entry -> entry.action().equals(IdentityEvents.BEARER_TOKEN_REGISTERED)).count());
    }

    @Test
    void restartWithTheSameTokenChangesNothingAndANewTokenRotates() {
        long events = outbox.count();
        service.ensureBootstrapToken("bootstrap-admin", dev.steward.common.security.Role.ADMIN, ADMIN_TOKEN, Actor.system("test"));
        assertEquals(events, outbox.count(), "same token, no change, no event");

        String rotated = "rotated-" + UUID.randomUUID();
        service.ensureBootstrapToken("bootstrap-admin", dev.steward.common.security.Role.ADMIN, rotated, Actor.system("test"));
        assertEquals(events + 1, outbox.count());
        assertEquals("bootstrap-admin", lookUp(TokenHash.of(rotated)).get("name"));
        HttpClientResponseException old = assertThrows(HttpClientResponseException.class, () -> lookUp(TokenHash.of(ADMIN_TOKEN)));
        assertEquals(HttpStatus.NOT_FOUND, old.getStatus());
        service.ensureBootstrapToken("bootstrap-admin", dev.steward.common.security.Role.ADMIN, ADMIN_TOKEN, Actor.system("test"));
    }

    @Test
    void lookUpRejectsBadHashesAndNonServiceCallers() {
        HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class, () -> lookUp(TokenHash.of("nobody")));
        assertEquals(HttpStatus.NOT_FOUND, unknown.getStatus());
        assertEquals("CREDENTIAL_NOT_FOUND", unknown.getResponse().getBody(Map.class).orElseThrow().get("code"));

        HttpClientResponseException malformed = assertThrows(HttpClientResponseException.class, () -> lookUp("XYZ"));
        assertEquals(HttpStatus.BAD_REQUEST, malformed.getStatus());
        assertEquals("TOKEN_HASH_INVALID", malformed.getResponse().getBody(Map.class).orElseThrow().get("code"));

        HttpClientResponseException admin = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/internal/v1/bearer-tokens/" + TokenHash.of(ADMIN_TOKEN)).bearerAuth(
                        tokens.issue("token:someone", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", null))));
        assertEquals(HttpStatus.FORBIDDEN, admin.getStatus(), "only Steward's services may read credentials");

        HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/internal/v1/bearer-tokens/" + TokenHash.of(ADMIN_TOKEN))));
        assertEquals(HttpStatus.UNAUTHORIZED, anonymous.getStatus());
    }

    @Test
    void healthReportsDatabaseAndKafka() {
        Map<?, ?> health = Eventually.await(Duration.ofSeconds(20), () -> {
            try {
                return http.toBlocking().retrieve(HttpRequest.GET("/health/readiness"), Map.class);
            } catch (HttpClientResponseException notReady) {
                return notReady.getResponse().getBody(Map.class).orElse(Map.of("status", notReady.getStatus().toString()));
            }
        }, body -> "UP".equals(body.get("status")), "readiness UP");
        Map<?, ?> details = (Map<?, ?>) health.get("details");
        assertTrue(details.containsKey("jdbc"), "readiness checks the database: " + details.keySet());
        assertTrue(details.containsKey("kafka"), "readiness checks Kafka: " + details.keySet());
    }
}
