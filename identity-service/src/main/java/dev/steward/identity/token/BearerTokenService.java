package dev.steward.identity.token;

import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class BearerTokenService {

    private static final long BOOTSTRAP_LOCK = 0x424f4f5453545250L;

    private final BearerTokenRepository tokens;
    private final Outbox outbox;
    private final AuditTrail audit;

    public BearerTokenService(BearerTokenRepository tokens, Outbox outbox, AuditTrail audit) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Makes the named token match the given secret: registers it when new, rotates its hash when the
     * deployment changed the secret, and does nothing when it already matches (every restart).
     */
    @Transactional
    public void ensureBootstrapToken(String name, BearerToken.Kind kind, String token, Actor actor) {
        tokens.lockBootstrap(BOOTSTRAP_LOCK);
        String hash = TokenHash.of(token);
        Optional<BearerToken> existing = tokens.findByName(name);
        if (existing.isPresent() && existing.get().tokenHash().equals(hash)) {
            return;
        }
        BearerToken saved;
        String eventType;
        if (existing.isEmpty()) {
            saved = tokens.save(new BearerToken(UUID.randomUUID().toString(), name, kind, hash, List.of("*"), List.of(), Instant.now(), null));
            eventType = IdentityEvents.BEARER_TOKEN_REGISTERED;
        } else {
            BearerToken old = existing.get();
            saved = tokens.update(new BearerToken(old.id(), old.name(), kind, hash, old.scopes(), old.ipRanges(), old.createdAt(), old.expiresAt()));
            eventType = IdentityEvents.BEARER_TOKEN_ROTATED;
        }
        outbox.append(Topics.IDENTITY_EVENTS, eventType, saved.id(), "bearer-token/" + saved.id(),
                new IdentityEvents.BearerTokenChanged(saved.id(), saved.name(), saved.kind().name()), actor);
        audit.record(actor, eventType, "bearer-token/" + saved.name(), "succeeded");
    }

    /** The live token with this hash; an expired token is treated as unknown. */
    @ReadOnly
    public Optional<BearerToken> findActiveByHash(String hash) {
        Instant now = Instant.now();
        return tokens.findByTokenHash(hash).filter(token -> !token.expiredAt(now));
    }
}
