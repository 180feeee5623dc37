package dev.steward.identity.token;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenApiIntegrationTest extends AbstractIdentityTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    BearerTokenRepository repository;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", null));
    }

    private HttpResponse<Map> lookUp(String token) {
        return http.toBlocking().exchange(HttpRequest.GET("/internal/v1/bearer-tokens/" + TokenHash.of(token))
                .bearerAuth(tokens.issueForService("gateway")), Map.class);
    }

    private String refusal(Map<String, Object> body) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(admin(HttpRequest.POST("/steward/v1/tokens", body)), Map.class));
        return (String) e.getResponse().getBody(Map.class).orElseThrow().get("code");
    }

    @Test
    void issueListUseAndRevoke() {
        String name = "ci-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<Map> issued = http.toBlocking().exchange(admin(HttpRequest.POST("/steward/v1/tokens",
                Map.of("name", name, "kind", "METRICS", "ipRanges", List.of("10.0.0.0/8")))), Map.class);
        assertEquals(HttpStatus.CREATED, issued.getStatus());
        String token = (String) issued.body().get("token");
        assertTrue(token.matches("[0-9a-f]{64}"));
        assertEquals(List.of("*"), issued.body().get("scopes"));

        Map<?, ?> credential = lookUp(token).body();
        assertEquals("metrics", credential.get("role"));
        assertEquals(List.of("10.0.0.0/8"), credential.get("ipRanges"));

        List<Map> listed = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/tokens")), Argument.listOf(Map.class));
        Map<?, ?> entry = listed.stream().filter(t -> name.equals(t.get("name"))).findFirst().orElseThrow();
        assertNull(entry.get("token"), "a token is shown once");
        assertFalse(entry.toString().contains(token));

        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(admin(HttpRequest.DELETE("/steward/v1/tokens/" + name))).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, assertThrows(HttpClientResponseException.class, () -> lookUp(token)).getStatus());
    }

    @Test
    void anExpiredTokenIsUnknown() {
        String name = "short-lived-" + UUID.randomUUID().toString().substring(0, 8);
        String token = (String) http.toBlocking().retrieve(admin(HttpRequest.POST("/steward/v1/tokens",
                Map.of("name", name, "kind", "ADMIN", "expiresAt", Instant.now().plusSeconds(2).toString()))), Map.class).get("token");
        assertEquals(HttpStatus.OK, lookUp(token).getStatus());
        Eventually.await(Duration.ofSeconds(10), () -> {
            try {
                return lookUp(token).getStatus().getCode();
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
            }
        }, code -> code == 404, "the token to expire");
    }

    @Test
    void badRequestsChangeNothing() {
        String name = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        http.toBlocking().exchange(admin(HttpRequest.POST("/steward/v1/tokens", Map.of("name", name, "kind", "ADMIN"))));
        long before = repository.count();
        assertEquals("TOKEN_NAME_TAKEN", refusal(Map.of("name", name, "kind", "ADMIN")));
        assertEquals("TOKEN_KIND_INVALID", refusal(Map.of("name", "x-" + name, "kind", "ROOT")));
        assertEquals("TOKEN_KIND_INVALID", refusal(Map.of("name", "x-" + name)));
        assertEquals("TOKEN_NAME_INVALID", refusal(Map.of("name", "has space", "kind", "ADMIN")));
        assertEquals("TOKEN_EXPIRY_INVALID", refusal(Map.of("name", "x-" + name, "kind", "ADMIN", "expiresAt", "2020-01-01T00:00:00Z")));
        assertEquals("SCOPE_INVALID", refusal(Map.of("name", "x-" + name, "kind", "ADMIN", "scopes", List.of("root"))));
        HttpClientResponseException notATime = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                admin(HttpRequest.POST("/steward/v1/tokens", Map.of("name", "x-" + name, "kind", "ADMIN", "expiresAt", "tomorrow")))));
        assertEquals(HttpStatus.BAD_REQUEST, notATime.getStatus());
        HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(admin(HttpRequest.DELETE("/steward/v1/tokens/nobody-" + name))));
        assertEquals(HttpStatus.NOT_FOUND, unknown.getStatus());
        assertEquals(before, repository.count());
    }

    /** Finding 1 of issue 12, for tokens: a narrow token mints only narrower tokens and revokes only those. */
    @Test
    void aTokenNeverMintsOrRevokesAWiderOne() {
        String narrow = tokens.issue("token:narrow", dev.steward.common.security.Role.ADMIN, List.of("tokens:*"), "garage-bearer", null);
        String name = "wide-" + UUID.randomUUID();
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/steward/v1/tokens", Map.of("name", name, "role", "admin", "scopes", List.of("*"))).bearerAuth(narrow), Map.class));
        assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        assertEquals("DELEGATION_EXCEEDED", refused.getResponse().getBody(Map.class).orElseThrow().get("code"));

        Map<?, ?> issued = http.toBlocking().retrieve(admin(HttpRequest.POST("/steward/v1/tokens", Map.of("name", name, "role", "auditor"))), Map.class);
        assertEquals("auditor", issued.get("role"));
        assertEquals("ADMIN", issued.get("kind"), "Garage clients see an API token as an admin token");
        assertEquals(List.of("*"), issued.get("scopes"), "it inherits the creator's scopes");
        HttpClientResponseException revoke = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.DELETE("/steward/v1/tokens/" + name).bearerAuth(narrow)));
        assertEquals(HttpStatus.FORBIDDEN, revoke.getStatus(), "a tokens:* token cannot revoke a * token");
    }
}
