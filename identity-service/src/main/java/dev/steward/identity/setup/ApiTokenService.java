package dev.steward.identity.setup;

import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.crypto.SecretCipher;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import dev.steward.identity.token.Delegation;
import dev.steward.identity.lease.CredentialEpoch;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** The Jidoteki admin API token: initial setup, authenticated change, and the key the gateway verifies with. */
@Singleton
public class ApiTokenService {

    /** What the Jidoteki API token grants: the reference knows no narrower token. */
    public static final Grant GRANT = Delegation.SYSTEM;

    static final String PURPOSE = "jidoteki-api-token-secret-key";
    static final String ACTION = "api-token.change";
    public static final String API_TOKEN_CHANGED = EventTypes.type("identity", "ApiTokenChanged");
    private static final long SETUP_LOCK = 0x4a49444f54454b49L;

    private final ApiTokenRepository tokens;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CredentialEpoch credentialEpoch;

    public ApiTokenService(ApiTokenRepository tokens, SecretCipher cipher, Outbox outbox, AuditTrail audit, CredentialEpoch credentialEpoch) {
        this.tokens = tokens;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
        this.credentialEpoch = credentialEpoch;
    }

    @Serdeable
    public record ApiTokenChanged(boolean initialSetup) {
    }

    /**
     * Sets the token: anyone may do the first setup (deployments close that door by installing a
     * first-run token); once set, only a caller whose grant covers the token's may change it.
     *
     * @param caller the grant the caller proved; {@link Role#NONE} when anonymous
     */
    @Transactional
    public void setToken(@Nullable String newToken, Actor actor, Grant caller) {
        tokens.lockSetup(SETUP_LOCK);
        boolean initialSetup = tokens.current().isEmpty();
        if (!initialSetup) {
            if (caller.role() == Role.NONE) {
                throw new ProblemException(IdentityErrorCode.API_TOKEN_ALREADY_SET, "authenticate with ?token= or ?hash= to change it");
            }
            // The token is a full administrator's credential, so a narrower caller may not mint one.
            Delegation.ensureWithin(caller, GRANT, "the API token");
        }
        if (!isValid(newToken)) {
            throw new ProblemException(IdentityErrorCode.API_TOKEN_INVALID, "the newtoken part is missing or has characters outside 33..126");
        }
        tokens.store(cipher.encrypt(secretKey(newToken), PURPOSE), Instant.now());
        credentialEpoch.advance();
        outbox.append(Topics.IDENTITY_EVENTS, API_TOKEN_CHANGED, "api-token", "api-token", new ApiTokenChanged(initialSetup), actor);
        audit.record(actor, ACTION, "api-token", "succeeded");
    }

    /**
     * Installs the deployment's first-run token if no token is set yet (every replica may try; the
     * setup lock lets exactly one succeed).
     *
     * @return whether this call installed it
     */
    @Transactional
    public boolean installFirstRunToken(String token, Actor actor) {
        tokens.lockSetup(SETUP_LOCK);
        if (tokens.current().isPresent()) {
            return false;
        }
        tokens.store(cipher.encrypt(secretKey(token), PURPOSE), Instant.now());
        credentialEpoch.advance();
        outbox.append(Topics.IDENTITY_EVENTS, API_TOKEN_CHANGED, "api-token", "api-token", new ApiTokenChanged(true), actor);
        audit.record(actor, "api-token.first-run", "api-token", "succeeded");
        return true;
    }

    /** sha256hex(token): the HMAC key of ?hash= and the comparand of ?token=. */
    @Snapshot
    public Optional<String> currentSecretKey() {
        return tokens.current().map(token -> cipher.decrypt(token.secretKeySealed(), PURPOSE));
    }

    static boolean isValid(@Nullable String token) {
        if (token == null || token.isEmpty() || token.length() > 255) {
            return false;
        }
        return token.chars().allMatch(c -> c >= 33 && c <= 126);
    }

    /** Jidoteki's HMAC key for ?hash=: the hex SHA-256 of the token. */
    static String secretKey(String token) {
        return Crypto.sha256Hex(token);
    }
}
