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
import dev.steward.identity.token.Restrictions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
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

    public KeyService(AccessKeyRepository keys, SecretCipher cipher, Outbox outbox, AuditTrail audit,
                      BucketPermissionService bucketPermissions, LicenseService license) {
        this.keys = keys;
        this.license = license;
        this.bucketPermissions = bucketPermissions;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** A Garage-style key: id {@code GK} + 24 hex characters, secret 64 hex characters. */
    @Transactional
    public KeyViews.KeyInfo create(KeyViews.KeyChange request, Actor actor) {
        String id = "GK" + Crypto.randomHex(12);
        String secret = Crypto.randomHex(32);
        AccessKey key = store(id, validName(request.name()), secret,
                Restrictions.of(request.scopes(), request.ipRanges(), Restrictions.UNRESTRICTED));
        announce(KeyEvents.KEY_CREATED, key, actor);
        return view(key, secret);
    }

    @Transactional
    public KeyViews.KeyInfo importKey(KeyViews.KeyImport request, Actor actor) {
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
                Restrictions.of(request.scopes(), request.ipRanges(), Restrictions.UNRESTRICTED));
        announce(KeyEvents.KEY_IMPORTED, key, actor);
        return view(key, request.secretAccessKey());
    }

    @ReadOnly
    public List<KeyViews.KeyListItem> list() {
        return keys.findAllOrderById().stream().map(key -> new KeyViews.KeyListItem(key.id(), key.name())).toList();
    }

    @ReadOnly
    public KeyViews.KeyInfo info(@Nullable String id, @Nullable String search) {
        if ((id == null) == (search == null)) {
            throw new ProblemException(IdentityErrorCode.KEY_QUERY_INVALID, "GET /v0/key?id=<id> or /v0/key?search=<pattern>");
        }
        AccessKey key = id != null ? find(id)
                : keys.search(search, search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.KEY_NOT_FOUND, "no key named or starting with " + search));
        return view(key, null);
    }

    /** UpdateKey: fields present are applied, absent ones left as they are. */
    @Transactional
    public KeyViews.KeyInfo update(String id, KeyViews.KeyChange change, Actor actor) {
        AccessKey key = find(id);
        boolean createBucket = key.allowCreateBucket();
        if (change.allow() != null && flag(change.allow())) {
            createBucket = true;
        }
        if (change.deny() != null && flag(change.deny())) {
            createBucket = false;
        }
        Restrictions restrictions = Restrictions.of(change.scopes(), change.ipRanges(), new Restrictions(key.scopes(), key.ipRanges()));
        AccessKey updated = key.withCreateBucket(createBucket).withRestrictions(restrictions.scopes(), restrictions.ipRanges());
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
    public void delete(String id, Actor actor) {
        AccessKey key = find(id);
        keys.delete(key);
        announce(KeyEvents.KEY_DELETED, key, actor);
    }

    /** A key's secret and restrictions, for the gateway to verify and authorize with. */
    public record Credential(String secret, List<String> scopes, List<String> ipRanges) {
    }

    @ReadOnly
    public Optional<Credential> credential(String id) {
        return keys.findById(id).map(key -> new Credential(cipher.decrypt(key.secretSealed(), PURPOSE), key.scopes(), key.ipRanges()));
    }

    private AccessKey store(String id, String name, String secret, Restrictions restrictions) {
        ensureNameFree(name, id);
        license.ensureRoomForAnotherKey();
        return keys.save(new AccessKey(id, name, cipher.encrypt(secret, PURPOSE), false, restrictions.scopes(),
                restrictions.ipRanges(), Instant.now()));
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
                key.scopes(), key.ipRanges());
    }
}
