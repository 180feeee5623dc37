package dev.steward.identity.token;

import dev.steward.common.event.Actor;
import dev.steward.common.security.Role;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the admin and metrics tokens given to the deployment (STEWARD_ADMIN_TOKEN,
 * STEWARD_METRICS_TOKEN), like Garage's admin_token/metrics_token in its config file.
 */
@Singleton
@Requires(property = "steward.identity.bootstrap.enabled", notEquals = "false")
public class BootstrapTokens {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapTokens.class);
    static final int MIN_LENGTH = 16;

    private final BearerTokenService service;
    private final String adminToken;
    private final String metricsToken;

    public BootstrapTokens(BearerTokenService service,
                           @Value("${steward.identity.bootstrap.admin-token:}") String adminToken,
                           @Value("${steward.identity.bootstrap.metrics-token:}") String metricsToken) {
        this.service = service;
        this.adminToken = adminToken;
        this.metricsToken = metricsToken;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        register("bootstrap-admin", Role.ADMIN, adminToken);
        register("bootstrap-metrics", Role.METRICS, metricsToken);
    }

    private void register(String name, Role role, String token) {
        if (token == null || token.isBlank()) {
            LOG.info("No {} token configured", name);
            return;
        }
        if (token.length() < MIN_LENGTH) {
            throw new IllegalStateException(name + " token must be at least " + MIN_LENGTH + " characters");
        }
        service.ensureBootstrapToken(name, role, token, Actor.system("identity-service"));
    }
}
