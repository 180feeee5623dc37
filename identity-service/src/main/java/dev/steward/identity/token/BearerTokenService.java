package dev.steward.identity.token;

import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.identity.lease.CredentialEpoch;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import io.micronaut.core.annotation.Nullable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class BearerTokenService {

    private static final long BOOTSTRAP_LOCK = 0x424f4f5453545250L;
    private static final java.util.regex.Pattern TOKEN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final BearerTokenRepository tokens;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CredentialEpoch credentialEpoch;

    public BearerTokenService(BearerTokenRepository tokens, Outbox outbox, AuditTrail audit, CredentialEpoch credentialEpoch) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.credentialEpoch = credentialEpoch;
    }

    /**
     * Makes the named token match the given secret: registers it when new, rotates its hash when the
     * deployment changed the secret, and does nothing when it already matches (every restart).
     */
    @Transactional
    public void ensureBootstrapToken(String name, Role role, String token, Actor actor) {
        tokens.lockBootstrap(BOOTSTRAP_LOCK);
        String hash = TokenHash.of(token);
        Optional<BearerToken> existing = tokens.findByName(name);
        if (existing.isPresent() && existing.get().tokenHash().equals(hash)) {
            return;
        }
        BearerToken saved;
        String eventType;
        if (existing.isEmpty()) {
            saved = tokens.save(new BearerToken(UUID.randomUUID().toString(), name, role, hash, List.of("*"), List.of(), Instant.now(), null));
            eventType = IdentityEvents.BEARER_TOKEN_REGISTERED;
        } else {
            BearerToken old = existing.get();
            saved = tokens.update(new BearerToken(old.id(), old.name(), role, hash, old.scopes(), old.ipRanges(), old.createdAt(), old.expiresAt()));
            eventType = IdentityEvents.BEARER_TOKEN_ROTATED;
        }
        announce(eventType, saved, actor);
    }

    /**
     * A new named token; the token itself is returned once and only its hash is kept. Its role is
     * {@code role}, or for clients written before roles Garage's {@code kind} (ADMIN, METRICS); it
     * inherits the caller's scopes, IP ranges and expiry where the request names none, and is never
     * wider than the caller.
     */
    @Transactional
    public IssuedToken issue(@Nullable String name, @Nullable String role, @Nullable String kind, @Nullable List<String> scopes,
                             @Nullable List<String> ipRanges, @Nullable Instant expiresAt, Actor actor, Grant caller) {
        if (name == null || !TOKEN_NAME.matcher(name).matches()) {
            throw new ProblemException(IdentityErrorCode.TOKEN_NAME_INVALID, "got " + name);
        }
        String roleId = role != null ? role : legacyRole(kind);
        Grant grant = Delegation.requested(roleId, scopes, ipRanges, expiresAt,
                new Grant(Role.NONE, caller.scopes(), caller.ipRanges(), caller.expiresAt()));
        if (grant.role() == Role.NONE) {
            throw new ProblemException(IdentityErrorCode.ROLE_INVALID, "a bearer token needs a role: admin, operator, auditor or metrics");
        }
        Delegation.ensureWithin(caller, grant, "new token");
        if (tokens.findByName(name).isPresent()) {
            throw new ProblemException(IdentityErrorCode.TOKEN_NAME_TAKEN, name);
        }
        String token = Crypto.randomHex(32);
        BearerToken saved = tokens.save(new BearerToken(UUID.randomUUID().toString(), name, grant.role(), TokenHash.of(token),
                grant.scopes(), grant.ipRanges(), Instant.now(), grant.expiresAt()));
        announce(IdentityEvents.BEARER_TOKEN_REGISTERED, saved, actor);
        return new IssuedToken(saved, token);
    }

    private static String legacyRole(@Nullable String kind) {
        if ("ADMIN".equals(kind)) {
            return Role.ADMIN.id();
        }
        if ("METRICS".equals(kind)) {
            return Role.METRICS.id();
        }
        throw new ProblemException(IdentityErrorCode.TOKEN_KIND_INVALID,
                "got kind " + kind + "; name a role (" + Role.ids() + ") or a kind (ADMIN, METRICS)");
    }

    public record IssuedToken(BearerToken stored, String token) {
    }

    @Snapshot
    public List<BearerToken> list() {
        return tokens.findAllOrderByName();
    }

    @Transactional
    public void revoke(String name, Actor actor, Grant caller) {
        BearerToken token = tokens.findByName(name)
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.TOKEN_NOT_FOUND, name));
        // Revoking a wider token than one's own would let a narrow credential lock out its administrators.
        Delegation.ensureWithin(caller, token.grant(), "token " + name);
        tokens.delete(token);
        announce(IdentityEvents.BEARER_TOKEN_REVOKED, token, actor);
    }

    private void announce(String type, BearerToken token, Actor actor) {
        credentialEpoch.advance();
        outbox.append(Topics.IDENTITY_EVENTS, type, token.id(), "bearer-token/" + token.id(),
                new IdentityEvents.BearerTokenChanged(token.id(), token.name(), token.kind(), token.role().id()), actor);
        audit.record(actor, type, "bearer-token/" + token.name(), "succeeded");
    }

    /** The live token with this hash; an expired token is treated as unknown. */
    @Snapshot
    public Optional<BearerToken> findActiveByHash(String hash) {
        Instant now = Instant.now();
        return tokens.findByTokenHash(hash).filter(token -> !token.expiredAt(now));
    }
}
