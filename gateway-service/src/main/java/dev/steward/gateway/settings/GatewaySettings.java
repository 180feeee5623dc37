package dev.steward.gateway.settings;

import dev.steward.gateway.auth.IdentityClient;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;


/**
 * The Gluster REST server settings this gateway applies (Gluster's config-set, stored by
 * identity-service): {@code https} makes the Gluster API HTTPS-only, {@code auth} switches its
 * signature check, and {@code port} is the HTTPS port, which takes effect when a gateway starts.
 * Until identity-service has answered, the defaults apply: HTTP allowed, authentication on.
 */
@Singleton
public class GatewaySettings {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySettings.class);

    private final IdentityClient identity;
    private final int listeningTlsPort;
    private volatile IdentityClient.GatewaySettings current;

    public GatewaySettings(IdentityClient identity, @Value("${micronaut.server.ssl.port:-1}") int listeningTlsPort) {
        this.identity = identity;
        this.listeningTlsPort = listeningTlsPort;
        this.current = new IdentityClient.GatewaySettings(false, listeningTlsPort, true);
    }

    public boolean httpsOnly() {
        return current.https();
    }

    public boolean authEnabled() {
        return current.auth();
    }

    public int tlsPort() {
        return listeningTlsPort;
    }

    public void apply(IdentityClient.GatewaySettings settings) {
        current = settings;
        LOG.info("Gluster settings: https {}, auth {}, port {}", settings.https() ? "enabled" : "disabled",
                settings.auth() ? "enabled" : "disabled", settings.port());
        if (settings.port() != listeningTlsPort) {
            LOG.warn("The port setting is {} but this gateway's HTTPS listener is on {}: restart the gateway to move it"
                    + " (GATEWAY_TLS_PORT, when set, takes precedence)", settings.port(), listeningTlsPort);
        }
    }

    /** Loads the settings, retrying while identity-service cannot answer. */
    public Mono<IdentityClient.GatewaySettings> reload() {
        return identity.gatewaySettings()
                .retryWhen(IdentityClient.UNTIL_AVAILABLE)
                .flatMap(Mono::justOrEmpty)
                .doOnNext(this::apply);
    }
}
