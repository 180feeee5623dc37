package dev.steward.identity.setup;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Actor;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.identity.audit.AuditRepository;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jidoteki first-run: the deployment's token is installed at start and closes the anonymous setup. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunSetupIntegrationTest extends AbstractIdentityTest {

    static final String FIRST_RUN_TOKEN = "first-run~Token!";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    ApiTokenService service;

    @Inject
    AuditRepository audit;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put(FirstRunApiToken.PROPERTY, FIRST_RUN_TOKEN);
        properties.put("steward.identity.jidoteki.failed-change-pause", "10ms");
        return properties;
    }

    private Map<?, ?> setup(String bearer, String newToken) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/setup",
                        MultipartBody.builder().addPart("newtoken", newToken).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(bearer), Map.class);
    }

    private String secretKey() {
        return (String) http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/api-token")
                .bearerAuth(tokens.issueForService("gateway")), Map.class).get("secretKey");
    }

    @Test
    @Order(1)
    void theFirstRunTokenIsInstalledAtStartAndAudited() {
        assertEquals(ApiTokenService.secretKey(FIRST_RUN_TOKEN), secretKey());
        assertTrue(audit.findByTarget("api-token").stream().anyMatch(entry ->
                entry.action().equals("api-token.first-run") && entry.actor().equals("service:identity-service")));
    }

    @Test
    @Order(2)
    void anonymousSetupIsClosed() {
        String anonymous = tokens.issue("anonymous", dev.steward.common.security.Role.NONE, List.of(), "none", "198.51.100.30");
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> setup(anonymous, "takeover"));
        assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        assertEquals(ApiTokenService.secretKey(FIRST_RUN_TOKEN), secretKey(), "nothing changed");
    }

    @Test
    @Order(3)
    void aTokenChangedThroughSetupSurvivesARestart() {
        String admin = tokens.issue("jidoteki:api-token", dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "198.51.100.31");
        assertEquals(Map.of("Status", "200 OK"), setup(admin, "operator-chosen"));

        // What the next start does: the token is set, so the first-run token is not installed again.
        assertFalse(service.installFirstRunToken(FIRST_RUN_TOKEN, Actor.system("identity-service")));
        assertEquals(ApiTokenService.secretKey("operator-chosen"), secretKey());
    }

    @Test
    @Order(4)
    void anInvalidFirstRunTokenFailsTheStart() {
        Map<String, Object> properties = new HashMap<>(ServiceTestProperties.forService("identity"));
        properties.put(FirstRunApiToken.PROPERTY, "has space");
        properties.put("micronaut.server.port", "-1");
        RuntimeException failed = assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                context.getBean(FirstRunApiToken.class);
            }
        });
        assertTrue(rootMessage(failed).contains(FirstRunApiToken.PROPERTY), rootMessage(failed));
    }

    private static String rootMessage(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
