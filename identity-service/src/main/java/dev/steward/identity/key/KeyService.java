package dev.steward.identity.key;

import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.crypto.SecretCipher;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.identity.license.LicenseService;
import dev.steward.identity.permission.BucketPermissionService;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import dev.steward.identity.token.Delegation;
import dev.steward.identity.lease.CredentialEpoch;
import io.micronaut.core.annotation.Nullable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Access keys: Garage's key API, and the secrets the gateway verifies JuiceFS signatures with. */
@Singleton
public class KeyService {

    static final String PURPOSE = "access-key-secret";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,127}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{16,256}");
    private static final String CREATE_BUCKET = "createBucket";

    private final AccessKeyRepository keys;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final BucketPermissionService bucketPermissions;
    private final LicenseService license;
    private final CredentialEpoch credentialEpoch;

    public KeyService(AccessKeyRepository keys, SecretCipher cipher, Outbox outbox, AuditTrail audit,
                      BucketPermissionService bucketPermissions, LicenseService license, CredentialEpoch credentialEpoch) {
        this.keys = keys;
        this.license = license;
        this.bucketPermissions = bucketPermissions;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
        this.credentialEpoch = credentialEpoch;
    }

    /** A Garage-style key: id {@code GK} + 24 hex characters, secret 64 hex characters. */
    @Transactional
    public KeyViews.KeyInfo create(KeyViews.KeyChange request, Actor actor, Grant caller) {
        String id = "GK" + Crypto.randomHex(12);
        String secret = Crypto.randomHex(32);
        AccessKey key = store(id, validName(request.name()), secret,
                requestedGrant(request.role(), request.scopes(), request.ipRanges(), request.expiresAt(), caller));
        announce(KeyEvents.KEY_CREATED, key, actor);
        return view(key, secret);
    }

    @Transactional
    public KeyViews.KeyInfo importKey(KeyViews.KeyImport request, Actor actor, Grant caller) {
        if (request.accessKeyId() == null || !KEY_ID.matcher(request.accessKeyId()).matches()) {
            throw new ProblemException(IdentityErrorCode.KEY_ID_INVALID, "accessKeyId: " + request.accessKeyId());
        }
        if (request.secretAccessKey() == null || !PRINTABLE.matcher(request.secretAccessKey()).matches()) {
            throw new ProblemException(IdentityErrorCode.KEY_SECRET_INVALID, "secretAccessKey is missing or malformed");
        }
        if (keys.existsById(request.accessKeyId())) {
            throw new ProblemException(IdentityErrorCode.KEY_ID_TAKEN, request.accessKeyId());
        }
        AccessKey key = store(request.accessKeyId(), validName(request.name()), request.secretAccessKey(),
                requestedGrant(request.role(), request.scopes(), request.ipRanges(), request.expiresAt(), caller));
        announce(KeyEvents.KEY_IMPORTED, key, actor);
        return view(key, request.secretAccessKey());
    }

    @Snapshot
    public List<KeyViews.KeyListItem> list() {
        return keys.findAllOrderById().stream().map(key -> new KeyViews.KeyListItem(key.id(), key.name())).toList();
    }

    @Snapshot
    public KeyViews.KeyInfo info(@Nullable String id, @Nullable String search) {
        if ((id == null) == (search == null)) {
            throw new ProblemException(IdentityErrorCode.KEY_QUERY_INVALID, "GET /v0/key?id=<id> or /v0/key?search=<pattern>");
        }
        AccessKey key = id != null ? find(id)
                : keys.search(search, search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.KEY_NOT_FOUND, "no key named or starting with " + search));
        return view(key, null);
    }

    /**
     * GetKeyInfo with the secret: only for an admin whose own grant covers the key's (a narrower admin
     * would gain the key's reach), and every reveal, or refusal of one, is on the audit trail.
     * A refusal is recorded too: the 403 does not roll its audit line back.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public KeyViews.KeyInfo reveal(@Nullable String id, @Nullable String search, Actor actor, Grant caller) {
        KeyViews.KeyInfo info = info(id, search);
        AccessKey key = find(info.accessKeyId());
        String target = "key/" + key.id();
        if (caller.role() != Role.ADMIN) {
            audit.record(actor, "KeySecretRevealed", target, "refused: role " + caller.role().id());
            throw new ProblemException(IdentityErrorCode.SECRET_REVEAL_FORBIDDEN, "your role is " + caller.role().id());
        }
        try {
            Delegation.ensureWithin(caller, key.grant(), "key " + key.id());
        } catch (ProblemException wider) {
            audit.record(actor, "KeySecretRevealed", target, "refused: the key is wider than the caller");
            throw wider;
        }
        audit.record(actor, "KeySecretRevealed", target, "succeeded");
        return view(key, cipher.decrypt(key.secretSealed(), PURPOSE));
    }

    /** UpdateKey: fields present are applied, absent ones left as they are. */
    @Transactional
    public KeyViews.KeyInfo update(String id, KeyViews.KeyChange change, Actor actor, Grant caller) {
        AccessKey key = find(id);
        Delegation.ensureWithin(caller, key.grant(), "key " + id);
        boolean createBucket = key.allowCreateBucket();
        if (change.allow() != null && flag(change.allow())) {
            createBucket = true;
        }
        if (change.deny() != null && flag(change.deny())) {
            createBucket = false;
        }
        Grant grant = Delegation.requested(change.role(), change.scopes(), change.ipRanges(), change.expiresAt(), key.grant());
        Delegation.ensureWithin(caller, grant, "key " + id);
        AccessKey updated = key.withCreateBucket(createBucket).withGrant(grant);
        if (change.name() != null) {
            String name = validName(change.name());
            ensureNameFree(name, id);
            updated = updated.withName(name);
        }
        keys.update(updated);
        announce(KeyEvents.KEY_UPDATED, updated, actor);
        return view(updated, null);
    }

    @Transactional
    public void delete(String id, Actor actor, Grant caller) {
        AccessKey key = find(id);
        Delegation.ensureWithin(caller, key.grant(), "key " + id);
        keys.delete(key);
        announce(KeyEvents.KEY_DELETED, key, actor);
    }

    /** A key's secret and grant, for the gateway to verify and authorize with. */
    public record Credential(String secret, Grant grant) {
    }

    /** An expired key is no credential. */
    @Snapshot
    public Optional<Credential> credential(String id) {
        Instant now = Instant.now();
        return keys.findById(id).filter(key -> !key.expiredAt(now))
                .map(key -> new Credential(cipher.decrypt(key.secretSealed(), PURPOSE), key.grant()));
    }

    /**
     * A new key's grant: no admin-API role unless one is asked for (a Garage key is an S3 key), and
     * the caller's own scopes, IP ranges and expiry where the request names none; never wider than the caller.
     */
    private static Grant requestedGrant(@Nullable String role, @Nullable List<String> scopes, @Nullable List<String> ipRanges,
                                        @Nullable Instant expiresAt, Grant caller) {
        Grant grant = Delegation.requested(role, scopes, ipRanges, expiresAt,
                new Grant(Role.NONE, caller.scopes(), caller.ipRanges(), caller.expiresAt()));
        Delegation.ensureWithin(caller, grant, "new key");
        return grant;
    }

    private AccessKey store(String id, String name, String secret, Grant grant) {
        ensureNameFree(name, id);
        license.ensureRoomForAnotherKey();
        return keys.save(new AccessKey(id, name, cipher.encrypt(secret, PURPOSE), false, grant.role(), grant.scopes(),
                grant.ipRanges(), Instant.now(), grant.expiresAt()));
    }

    private void ensureNameFree(String name, String id) {
        if (!name.isEmpty() && keys.findByName(name).filter(other -> !other.id().equals(id)).isPresent()) {
            throw new ProblemException(IdentityErrorCode.KEY_NAME_TAKEN, name);
        }
    }

    private AccessKey find(String id) {
        return keys.findById(id).orElseThrow(() -> new ProblemException(IdentityErrorCode.KEY_NOT_FOUND, id));
    }

    private void announce(String type, AccessKey key, Actor actor) {
        credentialEpoch.advance();
        outbox.append(Topics.IDENTITY_EVENTS, type, key.id(), "key/" + key.id(),
                new KeyEvents.KeyChanged(key.id(), key.name(), key.allowCreateBucket()), actor);
        audit.record(actor, type, "key/" + key.id(), "succeeded");
    }

    private static boolean flag(Map<String, Boolean> flags) {
        for (String name : flags.keySet()) {
            if (!CREATE_BUCKET.equals(name)) {
                throw new ProblemException(IdentityErrorCode.KEY_PERMISSION_UNKNOWN, "'" + name + "': the only flag is createBucket");
            }
        }
        return Boolean.TRUE.equals(flags.get(CREATE_BUCKET));
    }

    private static String validName(@Nullable String name) {
        if (name == null) {
            return "";
        }
        if (name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(IdentityErrorCode.KEY_NAME_INVALID, "got " + name.length() + " characters");
        }
        return name;
    }

    private KeyViews.KeyInfo view(AccessKey key, @Nullable String secret) {
        return new KeyViews.KeyInfo(key.name(), key.id(), secret, new KeyViews.Permissions(key.allowCreateBucket()),
                bucketPermissions.bucketsOf(key.id()),
                key.role().id(), key.scopes(), key.ipRanges(), key.expiresAt());
    }
}
