package dev.steward.identity.permission;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.identity.key.AccessKey;
import dev.steward.identity.key.AccessKeyRepository;
import io.micronaut.core.annotation.Nullable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Garage BucketAllowKey / BucketDenyKey. Permissions are identity's; the buckets they name are
 * cluster-service's, known here from its events (so a bucket created a moment ago may need a moment).
 */
@Singleton
public class BucketPermissionService {

    public static final String PERMISSION_CHANGED = EventTypes.type("identity", "BucketKeyPermissionChanged");

    private final PermissionRepository permissions;
    private final AccessKeyRepository keys;
    private final Outbox outbox;
    private final AuditTrail audit;

    public BucketPermissionService(PermissionRepository permissions, AccessKeyRepository keys, Outbox outbox, AuditTrail audit) {
        this.permissions = permissions;
        this.keys = keys;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Flags set to true are granted ({@code allow}) or withdrawn ({@code deny}); the others stay. */
    @Transactional
    public PermissionViews.BucketPermissions change(@Nullable PermissionViews.PermissionChange request, boolean allow, Actor actor) {
        if (request == null || request.bucketId() == null || request.accessKeyId() == null || request.permissions() == null) {
            throw new ProblemException(IdentityErrorCode.PERMISSION_REQUEST_INVALID,
                    "send {\"bucketId\", \"accessKeyId\", \"permissions\": {\"read\", \"write\", \"owner\"}}");
        }
        PermissionRepository.KnownBucket bucket = permissions.bucket(request.bucketId())
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.BUCKET_NOT_FOUND, request.bucketId()));
        AccessKey key = keys.findById(request.accessKeyId())
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.KEY_NOT_FOUND, request.accessKeyId()));
        PermissionRepository.Permission current = permissions.find(bucket.id(), key.id())
                .orElse(new PermissionRepository.Permission(bucket.id(), key.id(), false, false, false));
        PermissionViews.Flags flags = request.permissions();
        boolean read = apply(current.read(), flags.read(), allow);
        boolean write = apply(current.write(), flags.write(), allow);
        boolean owner = apply(current.owner(), flags.owner(), allow);
        permissions.upsert(bucket.id(), key.id(), read, write, owner);
        String action = allow ? "BucketAllowKey" : "BucketDenyKey";
        outbox.append(Topics.IDENTITY_EVENTS, PERMISSION_CHANGED, bucket.id(), "bucket/" + bucket.id() + "/key/" + key.id(),
                new PermissionViews.BucketKeyPermissionChanged(bucket.id(), key.id(), read, write, owner), actor);
        audit.record(actor, action, "bucket/" + bucket.id() + "/key/" + key.id(), "succeeded");
        return bucketView(bucket);
    }

    /** GetKeyInfo's buckets: every bucket the key has a permission on or a local alias for. */
    @Snapshot
    public List<PermissionViews.KeyBucket> bucketsOf(String accessKeyId) {
        Map<String, PermissionRepository.Permission> grants = new LinkedHashMap<>();
        permissions.grantsOf(accessKeyId).forEach(grant -> grants.put(grant.bucketId(), grant));
        Map<String, List<String>> local = new LinkedHashMap<>();
        permissions.localAliasesOf(accessKeyId).forEach(alias -> local.computeIfAbsent(alias.bucketId(), id -> new ArrayList<>()).add(alias.alias()));
        TreeSet<String> bucketIds = new TreeSet<>(grants.keySet());
        bucketIds.addAll(local.keySet());
        List<PermissionViews.KeyBucket> buckets = new ArrayList<>();
        for (String bucketId : bucketIds) {
            permissions.bucket(bucketId).ifPresent(bucket -> {
                PermissionRepository.Permission grant = grants.get(bucketId);
                buckets.add(new PermissionViews.KeyBucket(bucketId, bucket.globalAliases(), local.getOrDefault(bucketId, List.of()),
                        grant == null ? new PermissionViews.Flags(false, false, false)
                                : new PermissionViews.Flags(grant.read(), grant.write(), grant.owner())));
            });
        }
        return buckets;
    }

    private PermissionViews.BucketPermissions bucketView(PermissionRepository.KnownBucket bucket) {
        Map<String, List<String>> local = new LinkedHashMap<>();
        permissions.localAliasesOn(bucket.id()).forEach(alias -> local.computeIfAbsent(alias.accessKeyId(), id -> new ArrayList<>()).add(alias.alias()));
        List<PermissionViews.BucketKey> bucketKeys = new ArrayList<>();
        for (PermissionRepository.Permission grant : permissions.grantsOn(bucket.id())) {
            String name = keys.findById(grant.accessKeyId()).map(AccessKey::name).orElse("");
            bucketKeys.add(new PermissionViews.BucketKey(grant.accessKeyId(), name,
                    new PermissionViews.Flags(grant.read(), grant.write(), grant.owner()), local.getOrDefault(grant.accessKeyId(), List.of())));
        }
        return new PermissionViews.BucketPermissions(bucket.id(), bucket.globalAliases(), bucketKeys);
    }

    private static boolean apply(boolean current, @Nullable Boolean flag, boolean allow) {
        if (!Boolean.TRUE.equals(flag)) {
            return current;
        }
        return allow;
    }
}
