package dev.steward.identity.setup;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.identity.audit.AuditEntry;
import dev.steward.identity.audit.AuditRepository;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One life of the API token, in order: first setup, refused setups, change. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIntegrationTest extends AbstractIdentityTest {

    /** sha256hex("yourtoken"), the reference's example. */
    static final String YOURTOKEN_KEY = "13e2ff941bbc8692cad141c8d293dda2c4f1c1a3c51b93d54f1a1693e1206107";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    ApiTokenRepository apiTokens;

    @Inject
    AuditRepository audit;


    private String anonymous() {
        return tokens.issue("anonymous", dev.steward.common.security.Role.NONE, List.of(), "none", "198.51.100.20");
    }

    private String admin() {
        return tokens.issue("jidoteki:api-token", dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "198.51.100.21");
    }

    private HttpResponse<Map> setup(String bearer, String newToken) {
        MultipartBody.Builder body = MultipartBody.builder();
        body.addPart(newToken == null ? "other" : "newtoken", newToken == null ? "x" : newToken);
        return http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/setup", body.build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(bearer), Map.class);
    }

    private String secretKey() {
        return (String) http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/api-token")
                .bearerAuth(tokens.issueForService("gateway")), Map.class).get("secretKey");
    }

    private List<AuditEntry> tokenAudit() {
        return audit.findByTarget("api-token");
    }

    /** Refusals are audited as requests (RefusedRequestAudit): action "POST /api/v1/admin/setup". */
    private List<AuditEntry> refusedSetups() {
        return audit.findByTarget("/api/v1/admin/setup").stream()
                .filter(entry -> entry.action().equals("POST /api/v1/admin/setup") && entry.result().startsWith("refused: "))
                .toList();
    }

    @Test
    @Order(1)
    void noTokenBeforeSetup() {
        HttpClientResponseException none = assertThrows(HttpClientResponseException.class, this::secretKey);
        assertEquals(HttpStatus.NOT_FOUND, none.getStatus());
    }

    @Test
    @Order(2)
    void firstSetupNeedsNoCredentialsAndStoresOnlyTheEncryptedKey() {
        HttpResponse<Map> response = setup(anonymous(), "yourtoken");
        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals(Map.of("Status", "200 OK"), response.body());

        assertEquals(YOURTOKEN_KEY, secretKey());
        String sealed = apiTokens.current().orElseThrow().secretKeySealed();
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains(YOURTOKEN_KEY) || sealed.contains("yourtoken"), "neither the token nor its key is stored in clear");

        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS,
                value -> value.contains("ApiTokenChanged") && value.contains("198.51.100.20"), found -> !found.isEmpty(), Duration.ofSeconds(10));
        assertFalse(events.isEmpty(), "the change is announced, so gateways drop the old key");
        assertFalse(events.get(0).contains(YOURTOKEN_KEY));
        assertEquals(1, tokenAudit().stream().filter(entry -> entry.result().equals("succeeded")).count());
    }

    @Test
    @Order(3)
    void aSecondSetupWithoutCredentialsIsRefusedSlowlyAndAudited() {
        long started = System.nanoTime();
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> setup(anonymous(), "takeover"));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        assertEquals("API_TOKEN_ALREADY_SET", refused.getResponse().getBody(Map.class).orElseThrow().get("code"));
        assertTrue(elapsedMillis >= 1900, "a failed change is answered after the 2 s pause, took " + elapsedMillis + " ms");
        assertEquals(YOURTOKEN_KEY, secretKey(), "nothing changed");
        AuditEntry entry = refusedSetups().stream().filter(e -> e.result().startsWith("refused: 403 API_TOKEN_ALREADY_SET")).findFirst().orElseThrow();
        assertEquals("anonymous", entry.actor());
        assertEquals("198.51.100.20", entry.clientIp());
    }

    @Test
    @Order(4)
    void anInvalidNewTokenIsRefusedSlowlyAndChangesNothing() {
        for (String bad : new String[] {"has space", "tab\there", "é", "x".repeat(256), null}) {
            long started = System.nanoTime();
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> setup(admin(), bad));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), "newtoken " + bad);
            assertEquals("API_TOKEN_INVALID", refused.getResponse().getBody(Map.class).orElseThrow().get("code"));
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 1900);
        }
        assertEquals(YOURTOKEN_KEY, secretKey());
        assertEquals(5, refusedSetups().stream().filter(e -> e.result().startsWith("refused: 400 API_TOKEN_INVALID")).count());
    }

    @Test
    @Order(5)
    void anAuthenticatedAdminChangesTheToken() {
        assertEquals(Map.of("Status", "200 OK"), setup(admin(), "!~new-Token~!").body());
        assertEquals(ApiTokenService.secretKey("!~new-Token~!"), secretKey());
        assertTrue(ApiTokenService.isValid("!"));
        assertTrue(ApiTokenService.isValid("~".repeat(255)));
    }
}
