package dev.steward.identity.app;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.identity.cli.GlusterRestCli;

import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppIntegrationTest extends AbstractIdentityTest {


    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    GlusterAppRepository repository;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", null));
    }

    private String secretOf(String appId) {
        return (String) http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/apps/" + appId)
                .bearerAuth(tokens.issueForService("gateway")), Map.class).get("secret");
    }

    private String refusalCode(MutableHttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(admin(request), Map.class));
        return (String) e.getResponse().getBody(Map.class).orElseThrow().get("code");
    }

    @Test
    void addResetDeleteOverRest() {
        String appId = "app-" + UUID.randomUUID();
        HttpResponse<Map> added = http.toBlocking().exchange(admin(HttpRequest.POST("/v1/apps", Map.of("role", "admin", "id", appId, "secret", "myappsecret"))), Map.class);
        assertEquals(HttpStatus.CREATED, added.getStatus());
        assertFalse(added.body().toString().contains("myappsecret"), "secrets are never returned");
        assertEquals("myappsecret", secretOf(appId));
        assertFalse(repository.findById(appId).orElseThrow().secretSealed().contains("myappsecret"));
        assertTrue(((List<?>) http.toBlocking().retrieve(admin(HttpRequest.GET("/v1/apps")), Map.class).get("apps")).contains(appId));

        assertEquals("APP_EXISTS", refusalCode(HttpRequest.POST("/v1/apps", Map.of("role", "admin", "id", appId, "secret", "othersecret"))));
        assertEquals("myappsecret", secretOf(appId), "a refused add changes nothing");

        http.toBlocking().exchange(admin(HttpRequest.PUT("/v1/apps/" + appId, Map.of("secret", "newsecret1"))));
        assertEquals("newsecret1", secretOf(appId));

        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(admin(HttpRequest.DELETE("/v1/apps/" + appId))).getStatus());
        HttpClientResponseException gone = assertThrows(HttpClientResponseException.class, () -> secretOf(appId));
        assertEquals(HttpStatus.NOT_FOUND, gone.getStatus());
    }

    @Test
    void badInputIsRefused() {
        long before = repository.count();
        assertEquals("APP_ID_INVALID", refusalCode(HttpRequest.POST("/v1/apps", Map.of("role", "admin", "id", "has space", "secret", "myappsecret"))));
        assertEquals("APP_SECRET_INVALID", refusalCode(HttpRequest.POST("/v1/apps", Map.of("role", "admin", "id", "short-secret", "secret", "short"))));
        assertEquals("APP_ID_INVALID", refusalCode(HttpRequest.POST("/v1/apps", Map.of("role", "admin", "secret", "myappsecret"))));
        assertEquals("APP_NOT_FOUND", refusalCode(HttpRequest.PUT("/v1/apps/nobody", Map.of("secret", "myappsecret"))));
        assertEquals("APP_NOT_FOUND", refusalCode(HttpRequest.DELETE("/v1/apps/nobody")));
        assertEquals(before, repository.count());
    }

    private Map<?, ?> credentialOf(String appId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/apps/" + appId)
                .bearerAuth(tokens.issueForService("gateway")), Map.class);
    }

    /** Finding 1 of issue 12: an app was a full administrator by default. */
    @Test
    void anAppsRoleIsNamedAndNeverWiderThanItsCreator() {
        long before = repository.count();
        assertEquals("ROLE_REQUIRED", refusalCode(HttpRequest.POST("/v1/apps", Map.of("id", "no-role", "secret", "myappsecret"))));
        assertEquals("ROLE_INVALID", refusalCode(HttpRequest.POST("/v1/apps", Map.of("id", "bad-role", "secret", "myappsecret", "role", "root"))));
        assertEquals(before, repository.count());

        String narrow = tokens.issue("token:narrow", dev.steward.common.security.Role.ADMIN, List.of("apps:*"), "garage-bearer", null);
        HttpClientResponseException wider = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/v1/apps", Map.of("id", "wider", "secret", "myappsecret", "role", "admin", "scopes", List.of("*")))
                        .bearerAuth(narrow), Map.class));
        assertEquals(HttpStatus.FORBIDDEN, wider.getStatus());
        Map<?, ?> problem = wider.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("DELEGATION_EXCEEDED", problem.get("code"));
        assertTrue(String.valueOf(problem.get("detail")).contains("scope * is not within [apps:*]"), problem.toString());

        String appId = "auditor-" + UUID.randomUUID();
        http.toBlocking().exchange(HttpRequest.POST("/v1/apps", Map.of("id", appId, "secret", "myappsecret", "role", "auditor"))
                .bearerAuth(narrow), Map.class);
        Map<?, ?> credential = credentialOf(appId);
        assertEquals("auditor", credential.get("role"));
        assertEquals(List.of("apps:*"), credential.get("scopes"), "a new app inherits its creator's scopes");
    }

    @Test
    void theCommandLineRegistersAppsInTheSameDatabase() {
        String appId = "cli-" + UUID.randomUUID();
        Map<String, Object> config = new HashMap<>(serviceProperties);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, GlusterRestCli.run(new String[] {"app-add", appId, "myappsecret"}, config, stdout, stderr), err.toString());
        assertEquals("myappsecret", secretOf(appId), "the running service sees the CLI's app");
        assertEquals("admin", credentialOf(appId).get("role"), "the host's CLI registers administrators, as the reference does");
        assertEquals(1, GlusterRestCli.run(new String[] {"app-add", appId, "myappsecret"}, config, stdout, stderr));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("registered"), err.toString());
        assertEquals(0, GlusterRestCli.run(new String[] {"app-reset", appId, "resetsecret"}, config, stdout, stderr));
        assertEquals("resetsecret", secretOf(appId));
        assertEquals(2, GlusterRestCli.run(new String[] {"app-del"}, config, stdout, stderr), "usage error");
        assertEquals(0, GlusterRestCli.run(new String[] {"app-del", appId}, config, stdout, stderr));
        assertTrue(repository.findById(appId).isEmpty());
    }
}
