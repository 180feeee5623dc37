package dev.steward.identity.key;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyIntegrationTest extends AbstractIdentityTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    AccessKeyRepository repository;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", "192.0.2.1"));
    }

    private Map<?, ?> create(String name) {
        return http.toBlocking().retrieve(admin(HttpRequest.POST("/v0/key", Map.of("name", name))), Map.class);
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(admin(request), Map.class));
    }

    private static String code(HttpClientResponseException e) {
        return (String) e.getResponse().getBody(Map.class).orElseThrow().get("code");
    }

    @Inject
    dev.steward.identity.audit.AuditRepository audit;

    private MutableHttpRequest<?> as(dev.steward.common.security.Role role, List<String> scopes, MutableHttpRequest<?> request) {
        return request.bearerAuth(tokens.issue("token:test-" + role.id(), role, scopes, "garage-bearer", "192.0.2.1"));
    }

    private List<String> reveals(String id) {
        return audit.findPage(Long.MAX_VALUE, 1000).stream()
                .filter(entry -> entry.action().equals("KeySecretRevealed") && ("key/" + id).equals(entry.target()))
                .map(entry -> entry.actor() + " " + entry.result())
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
                    java.util.Collections.reverse(list); // newest first on the trail; oldest first here
                    return list;
                }));
    }

    @Test
    void showSecretKeyRevealsTheSecretToAnAdminOnlyAndAuditsEveryAttempt() {
        Map<?, ?> created = create("reveal-" + UUID.randomUUID());
        String id = (String) created.get("accessKeyId");

        Map<?, ?> shown = http.toBlocking().retrieve(admin(HttpRequest.GET("/v0/key?id=" + id + "&showSecretKey=true")), Map.class);
        assertEquals(created.get("secretAccessKey"), shown.get("secretAccessKey"));
        assertNull(http.toBlocking().retrieve(admin(HttpRequest.GET("/v0/key?id=" + id)), Map.class).get("secretAccessKey"),
                "not without asking");

        for (var role : List.of(dev.steward.common.security.Role.OPERATOR, dev.steward.common.security.Role.AUDITOR)) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(as(role, List.of("*"), HttpRequest.GET("/v0/key?id=" + id + "&showSecretKey=true")), Map.class));
            assertEquals(HttpStatus.FORBIDDEN, refused.getStatus(), role.id());
            assertEquals("SECRET_REVEAL_FORBIDDEN", code(refused));
        }
        HttpClientResponseException narrow = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(as(dev.steward.common.security.Role.ADMIN, List.of("keys:read"), HttpRequest.GET("/v0/key?id=" + id + "&showSecretKey=true")), Map.class));
        assertEquals(HttpStatus.FORBIDDEN, narrow.getStatus(), "an admin narrower than the key does not get its secret");

        assertEquals(List.of("token:test-admin succeeded", "token:test-operator refused: role operator", "token:test-auditor refused: role auditor",
                "token:test-admin refused: the key is wider than the caller"), reveals(id));
    }

    @Test
    void createShowsTheSecretOnceAndStoresItEncrypted() {
        String name = "key-" + UUID.randomUUID();
        Map<?, ?> created = create(name);
        String id = (String) created.get("accessKeyId");
        String secret = (String) created.get("secretAccessKey");
        assertTrue(id.matches("GK[0-9a-f]{24}"), id);
        assertTrue(secret.matches("[0-9a-f]{64}"), secret);
        assertEquals(Map.of("createBucket", false), created.get("permissions"));
        assertEquals(List.of(), created.get("buckets"));

        Map<?, ?> info = http.toBlocking().retrieve(admin(HttpRequest.GET("/v0/key?id=" + id)), Map.class);
        assertEquals(name, info.get("name"));
        assertTrue(info.containsKey("secretAccessKey"));
        assertNull(info.get("secretAccessKey"), "the secret is shown once, at creation");

        String sealed = repository.findById(id).orElseThrow().secretSealed();
        assertFalse(sealed.contains(secret));
        Map<?, ?> internal = http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/keys/" + id)
                .bearerAuth(tokens.issueForService("gateway")), Map.class);
        assertEquals(secret, internal.get("secret"), "the gateway can recover it to verify signatures");

        List<Map> listed = http.toBlocking().retrieve(admin(HttpRequest.GET("/v0/key")), Argument.listOf(Map.class));
        assertTrue(listed.contains(Map.of("id", id, "name", name)));
    }

    /** Finding 1 of issue 12: a {@code keys:*} token created a {@code *} administrator key. */
    @Test
    void aNewKeyHasNoRoleAndNeverExceedsItsCreator() {
        String keysOnly = tokens.issue("token:keys-only", dev.steward.common.security.Role.ADMIN, List.of("keys:*"), "garage-bearer", "192.0.2.1");
        Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/v0/key", Map.of("name", "plain-" + UUID.randomUUID()))
                .bearerAuth(keysOnly), Map.class);
        assertEquals("none", created.get("role"), "a key is an S3 key until a role is granted");
        Map<?, ?> internal = http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/keys/" + created.get("accessKeyId"))
                .bearerAuth(tokens.issueForService("gateway")), Map.class);
        assertEquals(List.of("keys:*"), internal.get("scopes"), "it inherits its creator's scopes");

        long before = repository.count();
        HttpClientResponseException wider = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/v0/key", Map.of("name", "wide-" + UUID.randomUUID(), "scopes", List.of("*"))).bearerAuth(keysOnly), Map.class));
        assertEquals(HttpStatus.FORBIDDEN, wider.getStatus());
        assertEquals("DELEGATION_EXCEEDED", code(wider));
        assertTrue(String.valueOf(wider.getResponse().getBody(Map.class).orElseThrow().get("detail")).contains("scope * is not within [keys:*]"));
        assertEquals(before, repository.count(), "a refused key is not stored");

        String operator = tokens.issue("token:operator", dev.steward.common.security.Role.OPERATOR, List.of("*"), "garage-bearer", "192.0.2.1");
        HttpClientResponseException promoted = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/v0/key", Map.of("name", "admin-" + UUID.randomUUID(), "role", "admin")).bearerAuth(operator), Map.class));
        assertEquals(HttpStatus.FORBIDDEN, promoted.getStatus(), "an operator cannot mint an administrator");

        Map<?, ?> adminKey = http.toBlocking().retrieve(admin(HttpRequest.POST("/v0/key",
                Map.of("name", "admin-" + UUID.randomUUID(), "role", "admin"))), Map.class);
        assertEquals("admin", adminKey.get("role"));
        HttpClientResponseException deleteWider = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.DELETE("/v0/key?id=" + adminKey.get("accessKeyId")).bearerAuth(keysOnly)));
        assertEquals(HttpStatus.FORBIDDEN, deleteWider.getStatus(), "nor change or delete a key wider than itself");
        assertEquals("ROLE_INVALID", code(refused(HttpRequest.POST("/v0/key", Map.of("name", "x-" + UUID.randomUUID(), "role", "root")))));
    }

    @Test
    void importSearchUpdateAndDelete() {
        // The JuiceFS reference's example key pair.
        String id = "ac7418402ce0ce838ba87eb3a6be72af313cd7028e18007799c0d5651c326925".substring(0, 60) + UUID.randomUUID().toString().substring(0, 4);
        String secret = "5f0c5a5d51515947788fa7b8244acebe166aedd9de28b26ef716888a613c3d92";
        String name = "imported-" + UUID.randomUUID();
        Map<?, ?> imported = http.toBlocking().retrieve(admin(HttpRequest.POST("/v0/key/import",
                Map.of("accessKeyId", id, "secretAccessKey", secret, "name", name))), Map.class);
        assertEquals(id, imported.get("accessKeyId"));

        assertEquals(id, http.toBlocking().retrieve(admin(HttpRequest.GET("/v0/key?search=" + name)), Map.class).get("accessKeyId"));
        assertEquals(id, http.toBlocking().retrieve(admin(HttpRequest.GET("/v0/key?search=" + id.substring(0, 62))), Map.class).get("accessKeyId"));

        Map<?, ?> allowed = http.toBlocking().retrieve(admin(HttpRequest.POST("/v0/key?id=" + id,
                Map.of("allow", Map.of("createBucket", true)))), Map.class);
        assertEquals(Map.of("createBucket", true), allowed.get("permissions"));
        assertEquals(name, allowed.get("name"), "absent fields change nothing");
        Map<?, ?> renamed = http.toBlocking().retrieve(admin(HttpRequest.POST("/v0/key?id=" + id,
                Map.of("name", name + "-2", "deny", Map.of("createBucket", true)))), Map.class);
        assertEquals(name + "-2", renamed.get("name"));
        assertEquals(Map.of("createBucket", false), renamed.get("permissions"));

        HttpResponse<?> deleted = http.toBlocking().exchange(admin(HttpRequest.DELETE("/v0/key?id=" + id)));
        assertEquals(HttpStatus.NO_CONTENT, deleted.getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/v0/key?id=" + id)).getStatus());
        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS, value -> value.contains(id) && value.contains("KeyDeleted"),
                found -> !found.isEmpty(), Duration.ofSeconds(10));
        assertFalse(events.isEmpty(), "deletion is announced so gateways forget the key");
        assertFalse(events.get(0).contains(secret));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String name = "taken-" + UUID.randomUUID();
        String id = (String) create(name).get("accessKeyId");
        long before = repository.count();

        assertEquals("KEY_NAME_TAKEN", code(refused(HttpRequest.POST("/v0/key", Map.of("name", name)))));
        assertEquals("KEY_ID_TAKEN", code(refused(HttpRequest.POST("/v0/key/import",
                Map.of("accessKeyId", id, "secretAccessKey", "0123456789abcdef0123", "name", "other")))));
        assertEquals("KEY_ID_INVALID", code(refused(HttpRequest.POST("/v0/key/import",
                Map.of("accessKeyId", "a b", "secretAccessKey", "0123456789abcdef0123")))));
        assertEquals("KEY_SECRET_INVALID", code(refused(HttpRequest.POST("/v0/key/import",
                Map.of("accessKeyId", "GK-short-secret", "secretAccessKey", "short")))));
        assertEquals("KEY_PERMISSION_UNKNOWN", code(refused(HttpRequest.POST("/v0/key?id=" + id, Map.of("allow", Map.of("deleteEverything", true))))));
        assertEquals("KEY_NAME_INVALID", code(refused(HttpRequest.POST("/v0/key?id=" + id, Map.of("name", "line\nbreak")))));
        assertEquals("KEY_NOT_FOUND", code(refused(HttpRequest.POST("/v0/key?id=GKnope", Map.of("name", "x")))));
        assertEquals("KEY_QUERY_INVALID", code(refused(HttpRequest.GET("/v0/key?id=" + id + "&search=x"))));
        HttpClientResponseException malformed = refused(HttpRequest.POST("/v0/key", "{\"name\": ").contentType(MediaType.APPLICATION_JSON_TYPE));
        assertEquals(HttpStatus.BAD_REQUEST, malformed.getStatus());
        HttpClientResponseException wrongType = refused(HttpRequest.POST("/v0/key", "{\"name\": {\"x\": 1}}").contentType(MediaType.APPLICATION_JSON_TYPE));
        assertEquals(HttpStatus.BAD_REQUEST, wrongType.getStatus());

        assertEquals(before, repository.count());
        assertEquals(name, repository.findById(id).orElseThrow().name());
        assertFalse(repository.findById(id).orElseThrow().allowCreateBucket());
    }
}
