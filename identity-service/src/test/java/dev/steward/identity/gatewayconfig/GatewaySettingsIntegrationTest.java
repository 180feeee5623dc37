package dev.steward.identity.gatewayconfig;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.identity.cli.GlusterRestCli;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.http.HttpRequest;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gluster config-get/set/reset over REST and the command line, and the event gateways apply. */
class GatewaySettingsIntegrationTest extends AbstractIdentityTest {


    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("app:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "gluster-jwt", "192.0.2.6"));
    }

    private Map<?, ?> call(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(admin(request), Map.class);
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(admin(request), Map.class));
    }

    private Map<?, ?> forGateways() {
        return http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/gateway-settings").bearerAuth(tokens.issueForService("gateway")), Map.class);
    }

    @Test
    void settingsAreSetAndResetOverRestAndEveryChangeIsAnnounced() {
        assertEquals(Map.of("https", "disabled", "port", "8443", "auth", "enabled"), call(HttpRequest.GET("/v1/config")));
        assertEquals(Map.of("name", "port", "value", "8443"), call(HttpRequest.GET("/v1/config/port")));

        Map<?, ?> changed = call(HttpRequest.PUT("/v1/config/port", Map.of("value", "9443")));
        assertEquals("9443", changed.get("port"));
        call(HttpRequest.PUT("/v1/config/https", Map.of("value", "enabled")));
        assertEquals(Map.of("https", true, "port", 9443, "auth", true), forGateways());
        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS,
                value -> value.contains("GatewaySettingsChanged") && value.contains("\"port\":9443") && value.contains("\"https\":true"),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertTrue(events.get(0).contains("\"auth\":true"), "the event carries the whole state: " + events.get(0));

        assertEquals("8443", call(HttpRequest.DELETE("/v1/config/port")).get("port"));
        assertEquals("enabled", call(HttpRequest.GET("/v1/config")).get("https"), "resetting one setting keeps the others");
        assertEquals(Map.of("https", "disabled", "port", "8443", "auth", "enabled"), call(HttpRequest.DELETE("/v1/config/all")));
    }

    @Test
    void badNamesAndValuesAreRefusedAndChangeNothing() {
        Map<?, ?> before = call(HttpRequest.GET("/v1/config"));
        Object[][] cases = {
                {HttpRequest.PUT("/v1/config/port", Map.of("value", "70000")), 400, "CONFIG_VALUE_INVALID"},
                {HttpRequest.PUT("/v1/config/port", Map.of("value", "0443")), 400, "CONFIG_VALUE_INVALID"},
                {HttpRequest.PUT("/v1/config/https", Map.of("value", "yes")), 400, "CONFIG_VALUE_INVALID"},
                {HttpRequest.PUT("/v1/config/auth", Map.of("value", true)), 400, "CONFIG_VALUE_INVALID"},
                {HttpRequest.PUT("/v1/config/auth", Map.of("enabled", "disabled")), 400, "CONFIG_VALUE_INVALID"},
                {HttpRequest.PUT("/v1/config/auth", "{\"value\": ").contentType("application/json"), 400, "MALFORMED_REQUEST"},
                {HttpRequest.PUT("/v1/config/colour", Map.of("value", "blue")), 404, "CONFIG_NAME_UNKNOWN"},
                {HttpRequest.GET("/v1/config/colour"), 404, "CONFIG_NAME_UNKNOWN"},
                {HttpRequest.DELETE("/v1/config/colour"), 404, "CONFIG_NAME_UNKNOWN"},
        };
        for (Object[] bad : cases) {
            HttpClientResponseException error = refused((MutableHttpRequest<?>) bad[0]);
            assertEquals(bad[1], error.getStatus().getCode(), String.valueOf(bad[2]));
            assertEquals(bad[2], error.getResponse().getBody(Map.class).orElseThrow().get("code"));
        }
        assertEquals(before, call(HttpRequest.GET("/v1/config")));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(admin(HttpRequest.GET("/v1/config"))).getStatus());
    }

    @Test
    void theCommandLineListsSetsAndResetsAsGlusterDoes() {
        Map<String, Object> config = new HashMap<>(serviceProperties);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, GlusterRestCli.run(new String[] {"config-set", "auth", "disabled"}, config, stdout, stderr), err.toString());
        assertEquals("disabled", call(HttpRequest.GET("/v1/config/auth")).get("value"), "the running service sees the CLI's change");
        out.reset();
        assertEquals(0, GlusterRestCli.run(new String[] {"config-get", "auth"}, config, stdout, stderr));
        assertEquals("auth disabled", out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(1, GlusterRestCli.run(new String[] {"config-set", "auth", "maybe"}, config, stdout, stderr));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("enabled or disabled"), err.toString());
        assertEquals(2, GlusterRestCli.run(new String[] {"config-set", "auth"}, config, stdout, stderr), "usage error");
        out.reset();
        assertEquals(0, GlusterRestCli.run(new String[] {"config-reset", "all"}, config, stdout, stderr));
        assertEquals("https disabled\nport 8443\nauth enabled", out.toString(StandardCharsets.UTF_8).strip());
    }
}
