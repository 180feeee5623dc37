package dev.steward.identity.setup;

import dev.steward.common.event.Actor;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jidoteki's "first-run": the deployment provisions the API token (STEWARD_JIDOTEKI_FIRST_RUN_TOKEN),
 * so no unauthenticated {@code /setup} is needed and nobody who reaches a fresh system first can claim
 * it. The token is installed only while none is set; a token changed later through {@code /setup}
 * is never overwritten by a restart.
 */
@Singleton
public class FirstRunApiToken {

    static final String PROPERTY = "steward.identity.jidoteki.first-run-token";
    private static final Logger LOG = LoggerFactory.getLogger(FirstRunApiToken.class);

    private final ApiTokenService service;
    private final String token;

    public FirstRunApiToken(ApiTokenService service, @Value("${" + PROPERTY + ":}") String token) {
        if (!token.isEmpty() && !ApiTokenService.isValid(token)) {
            // Fail the start: a deployment that meant to close the setup window must not run with it open.
            throw new IllegalStateException(PROPERTY + " must be 1 to 255 printable ASCII characters (33..126)");
        }
        this.service = service;
        this.token = token;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (token.isEmpty()) {
            if (service.currentSecretKey().isEmpty()) {
                LOG.warn("No API token is set and {} is empty: the first POST /api/v1/admin/setup, from anyone, sets it "
                        + "(scripts/stack.sh and scripts/compose-env.sh always provide one)", PROPERTY);
            }
            return;
        }
        if (service.installFirstRunToken(token, Actor.system("identity-service"))) {
            LOG.info("First run: the API token from {} is installed; /setup now needs it", PROPERTY);
        } else {
            LOG.info("An API token is already set; the first-run token is not used");
        }
    }
}
