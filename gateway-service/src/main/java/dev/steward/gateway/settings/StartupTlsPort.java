package dev.steward.gateway.settings;

import dev.steward.common.security.InternalTokenIssuer;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTPS port is bound when the server starts, so Gluster's {@code port} setting is read before
 * that: from identity-service, unless {@code GATEWAY_TLS_PORT} fixes it for this deployment. When
 * identity-service does not answer within a few seconds, the configured default applies.
 */
public final class StartupTlsPort {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTlsPort.class);
    static final String PROPERTY = "micronaut.server.ssl.port";

    private StartupTlsPort() {
    }

    public static Map<String, Object> properties(Map<String, String> environment) {
        String privateKey = environment.get("STEWARD_INTERNAL_JWT_PRIVATE_KEY");
        if (environment.containsKey("GATEWAY_TLS_PORT") || privateKey == null) {
            return Map.of();
        }
        // The first of identity's replicas; one that is down only means the default port until the settings arrive.
        String identity = environment.getOrDefault("IDENTITY_URL", "http://localhost:8081").split(",")[0].strip();
        try {
            String token = new InternalTokenIssuer(privateKey, Duration.ofSeconds(30)).issueForService("gateway");
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(identity + "/internal/v1/gateway-settings")).timeout(Duration.ofSeconds(3))
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("identity-service answered {} for the gateway settings; using the default HTTPS port", response.statusCode());
                return Map.of();
            }
            Object port = JsonMapper.createDefault().readValue(response.body(), Map.class).get("port");
            LOG.info("HTTPS port {} (Gluster's port setting)", port);
            return Map.of(PROPERTY, port);
        } catch (Exception e) {
            LOG.warn("Cannot read the gateway settings from {} ({}); using the default HTTPS port", identity, e.toString());
            return Map.of();
        }
    }
}
