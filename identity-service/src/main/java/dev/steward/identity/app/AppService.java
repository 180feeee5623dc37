package dev.steward.identity.app;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.crypto.SecretCipher;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.common.security.Grant;
import dev.steward.identity.token.Delegation;
import dev.steward.identity.lease.CredentialEpoch;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Gluster REST applications: {@code app-add}, {@code app-reset}, {@code app-del}, as REST and CLI. */
@Singleton
public class AppService {

    static final String PURPOSE = "gluster-app-secret";
    public static final String APP_ADDED = EventTypes.type("identity", "AppAdded");
    public static final String APP_RESET = EventTypes.type("identity", "AppReset");
    public static final String APP_DELETED = EventTypes.type("identity", "AppDeleted");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final GlusterAppRepository apps;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final CredentialEpoch credentialEpoch;

    public AppService(GlusterAppRepository apps, SecretCipher cipher, Outbox outbox, AuditTrail audit, CredentialEpoch credentialEpoch) {
        this.apps = apps;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
        this.credentialEpoch = credentialEpoch;
    }

    @Serdeable
    public record AppChanged(String appId) {
    }

    /** The CLI on the identity host ({@code app-add}): an administrator app, as the reference's apps are. */
    @Transactional
    public void add(@Nullable String appId, @Nullable String secret, Actor actor) {
        add(appId, secret, Delegation.SYSTEM, actor, Delegation.SYSTEM);
    }

    /** A new app with {@code grant}, which {@code caller} must cover. */
    @Transactional
    public void add(@Nullable String appId, @Nullable String secret, Grant grant, Actor actor, Grant caller) {
        validate(appId, secret);
        Delegation.ensureWithin(caller, grant, "new app");
        if (apps.existsById(appId)) {
            throw new ProblemException(IdentityErrorCode.APP_EXISTS, appId + " (use app-reset to change its secret)");
        }
        apps.save(new GlusterApp(appId, cipher.encrypt(secret, PURPOSE), grant.role(), grant.scopes(), grant.ipRanges(),
                Instant.now(), null, grant.expiresAt()));
        announce(APP_ADDED, appId, actor);
    }

    @Transactional
    public void reset(String appId, @Nullable String secret, Actor actor) {
        reset(appId, secret, actor, Delegation.SYSTEM);
    }

    /** A new secret: whoever holds it acts with the app's grant, so the caller must cover that grant. */
    @Transactional
    public void reset(String appId, @Nullable String secret, Actor actor, Grant caller) {
        validate(appId, secret);
        GlusterApp app = find(appId);
        Delegation.ensureWithin(caller, app.grant(), "app " + appId);
        apps.update(new GlusterApp(appId, cipher.encrypt(secret, PURPOSE), app.role(), app.scopes(), app.ipRanges(),
                app.createdAt(), Instant.now(), app.expiresAt()));
        announce(APP_RESET, appId, actor);
    }

    @Transactional
    public void delete(String appId, Actor actor) {
        delete(appId, actor, Delegation.SYSTEM);
    }

    @Transactional
    public void delete(String appId, Actor actor, Grant caller) {
        GlusterApp app = find(appId);
        Delegation.ensureWithin(caller, app.grant(), "app " + appId);
        apps.delete(app);
        announce(APP_DELETED, appId, actor);
    }

    @Snapshot
    public List<String> list() {
        return apps.findAllOrderById().stream().map(GlusterApp::id).toList();
    }

    /** An app's secret and grant, for the gateway to verify and authorize with. */
    public record Credential(String secret, Grant grant) {
    }

    /** The live app's credential; an expired app is treated as unknown. */
    @Snapshot
    public Optional<Credential> credential(String appId) {
        Instant now = Instant.now();
        return apps.findById(appId).filter(app -> !app.expiredAt(now))
                .map(app -> new Credential(cipher.decrypt(app.secretSealed(), PURPOSE), app.grant()));
    }

    private GlusterApp find(String appId) {
        return apps.findById(appId).orElseThrow(() -> new ProblemException(IdentityErrorCode.APP_NOT_FOUND, appId));
    }

    private void announce(String type, String appId, Actor actor) {
        credentialEpoch.advance();
        outbox.append(Topics.IDENTITY_EVENTS, type, "app/" + appId, "app/" + appId, new AppChanged(appId), actor);
        audit.record(actor, type, "app/" + appId, "succeeded");
    }

    private static void validate(@Nullable String appId, @Nullable String secret) {
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            throw new ProblemException(IdentityErrorCode.APP_ID_INVALID, "got " + appId);
        }
        if (secret == null || secret.length() < 8 || secret.length() > 512 || secret.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(IdentityErrorCode.APP_SECRET_INVALID, "the secret is missing or malformed");
        }
    }
}
