package dev.steward.identity.lease;

import dev.steward.common.backup.RestoreListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restore replaces every credential at once: it advances the credential epoch like any other
 * credential change, so no gateway goes on using what it cached from before the restore (the
 * identity-events eviction did this alone before, and only as fast as Kafka delivered).
 */
@Singleton
public class RestoredCredentials implements RestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoredCredentials.class);

    private final CredentialEpoch epoch;

    public RestoredCredentials(CredentialEpoch epoch) {
        this.epoch = epoch;
    }

    @Override
    public void restored(String restoreId) {
        epoch.advance();
        LOG.info("Restore {} committed: credential epoch advanced, gateways drop their cached credentials", restoreId);
    }
}
