package dev.steward.cluster.bucket;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Garage's bucket API: buckets, their aliases, website access and quotas. */
@Singleton
public class BucketService {

    /** S3 bucket naming, as Garage checks aliases: 3-63 of a-z 0-9 . -, starting and ending alphanumeric. */
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4_LIKE = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern BUCKET_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DOCUMENT = Pattern.compile("[^\\x00-\\x1f]{1,1024}");

    private final BucketRepository buckets;
    private final BucketAliasRepository aliases;
    private final KeyProjectionRepository keys;
    private final Outbox outbox;

    public BucketService(BucketRepository buckets, BucketAliasRepository aliases, KeyProjectionRepository keys, Outbox outbox) {
        this.buckets = buckets;
        this.aliases = aliases;
        this.keys = keys;
        this.outbox = outbox;
    }

    @Snapshot
    public List<BucketViews.BucketListItem> list() {
        Map<String, List<String>> global = new LinkedHashMap<>();
        aliases.allGlobal().forEach(alias -> global.computeIfAbsent(alias.bucketId(), id -> new ArrayList<>()).add(alias.alias()));
        Map<String, List<BucketViews.LocalAliasRef>> local = new LinkedHashMap<>();
        aliases.allLocal().forEach(alias -> local.computeIfAbsent(alias.bucketId(), id -> new ArrayList<>())
                .add(new BucketViews.LocalAliasRef(alias.accessKeyId(), alias.alias())));
        return buckets.findAllOrderById().stream().map(bucket -> new BucketViews.BucketListItem(bucket.id(),
                global.getOrDefault(bucket.id(), List.of()), local.getOrDefault(bucket.id(), List.of()))).toList();
    }

    @Snapshot
    public BucketViews.BucketInfo info(@Nullable String id, @Nullable String globalAlias) {
        if ((id == null) == (globalAlias == null)) {
            throw new ProblemException(ClusterErrorCode.BUCKET_QUERY_INVALID, "GET /v0/bucket?id=<bucket id> or /v0/bucket?globalAlias=<alias>");
        }
        String bucketId = id != null ? id : aliases.bucketOfGlobalAlias(globalAlias)
                .orElseThrow(() -> new ProblemException(ClusterErrorCode.BUCKET_NOT_FOUND, "no bucket has the global alias " + globalAlias));
        return view(find(bucketId));
    }

    @Transactional
    public BucketViews.BucketInfo create(BucketViews.CreateBucket request, Actor actor) {
        String globalAlias = request.globalAlias();
        BucketViews.CreateLocalAlias localAlias = request.localAlias();
        if (globalAlias != null) {
            checkAlias(globalAlias);
            if (aliases.bucketOfGlobalAlias(globalAlias).isPresent()) {
                throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_TAKEN, "global alias " + globalAlias + " names another bucket");
            }
        }
        BucketEvents.InitialGrant grant = null;
        if (localAlias != null) {
            if (localAlias.accessKeyId() == null || localAlias.alias() == null) {
                throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_INVALID, "localAlias needs accessKeyId and alias");
            }
            checkAlias(localAlias.alias());
            knownKey(localAlias.accessKeyId());
            if (aliases.bucketOfLocalAlias(localAlias.accessKeyId(), localAlias.alias()).isPresent()) {
                throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_TAKEN,
                        "key " + localAlias.accessKeyId() + " already has a bucket named " + localAlias.alias());
            }
            BucketViews.Permissions allow = localAlias.allow();
            if (allow != null && (allow.readFlag() || allow.writeFlag() || allow.ownerFlag())) {
                grant = new BucketEvents.InitialGrant(localAlias.accessKeyId(), allow.readFlag(), allow.writeFlag(), allow.ownerFlag());
            }
        }
        Bucket bucket = buckets.save(Bucket.create(Crypto.randomHex(32), Instant.now()));
        if (globalAlias != null) {
            claimGlobal(globalAlias, bucket.id());
        }
        if (localAlias != null) {
            claimLocal(localAlias.accessKeyId(), localAlias.alias(), bucket.id());
        }
        if (grant != null) {
            // identity-service owns permissions and records this grant from the event; the local copy
            // lets this very response (and the next GetBucketInfo) show it already.
            keys.upsertPermission(bucket.id(), grant.accessKeyId(), grant.read(), grant.write(), grant.owner());
        }
        return announced(BucketEvents.BUCKET_CREATED, bucket, grant, actor);
    }

    /** UpdateBucket: the fields present are applied, each validated as Garage does. */
    @Transactional
    public BucketViews.BucketInfo update(String id, @Nullable BucketViews.UpdateBucket request, Actor actor) {
        Bucket bucket = lock(id);
        if (request == null || (request.websiteAccess() == null && request.quotas() == null)) {
            throw new ProblemException(ClusterErrorCode.BUCKET_UPDATE_INVALID, "send websiteAccess and/or quotas");
        }
        BucketViews.WebsiteAccess website = request.websiteAccess();
        if (website != null) {
            if (website.enabled() == null) {
                throw new ProblemException(ClusterErrorCode.BUCKET_UPDATE_INVALID, "websiteAccess.enabled is required");
            }
            if (website.enabled()) {
                if (website.indexDocument() == null || !DOCUMENT.matcher(website.indexDocument()).matches()) {
                    throw new ProblemException(ClusterErrorCode.BUCKET_UPDATE_INVALID, "indexDocument is required when website access is enabled");
                }
                if (website.errorDocument() != null && !DOCUMENT.matcher(website.errorDocument()).matches()) {
                    throw new ProblemException(ClusterErrorCode.BUCKET_UPDATE_INVALID, "errorDocument must be 1-1024 printable characters");
                }
                bucket = bucket.withWebsite(true, website.indexDocument(), website.errorDocument());
            } else {
                if (website.indexDocument() != null || website.errorDocument() != null) {
                    throw new ProblemException(ClusterErrorCode.BUCKET_UPDATE_INVALID,
                            "indexDocument and errorDocument must not be given when website access is disabled");
                }
                bucket = bucket.withWebsite(false, null, null);
            }
        }
        BucketViews.Quotas quotas = request.quotas();
        if (quotas != null) {
            if (negative(quotas.maxSize()) || negative(quotas.maxObjects())) {
                throw new ProblemException(ClusterErrorCode.BUCKET_UPDATE_INVALID, "quotas must be non-negative integers or null");
            }
            // Both values are set together; an absent one means "no quota", as the reference says.
            bucket = bucket.withQuotas(quotas.maxSize(), quotas.maxObjects());
        }
        buckets.update(bucket);
        return announced(BucketEvents.BUCKET_UPDATED, bucket, null, actor);
    }

    @Transactional
    public void delete(String id, Actor actor) {
        Bucket bucket = lock(id);
        if (bucket.objects() > 0 || bucket.unfinishedUploads() > 0) {
            throw new ProblemException(ClusterErrorCode.BUCKET_NOT_EMPTY,
                    "bucket " + id + " holds " + bucket.objects() + " objects and " + bucket.unfinishedUploads() + " unfinished uploads");
        }
        // Aliases go with the bucket (ON DELETE CASCADE), as the reference warns.
        buckets.delete(bucket);
        keys.deletePermissionsOn(id);
        outbox.append(Topics.CLUSTER_EVENTS, BucketEvents.BUCKET_DELETED, id, "bucket/" + id,
                new BucketEvents.BucketState(id, List.of(), List.of(), false, new BucketViews.Quotas(null, null), null), actor);
    }

    @Transactional
    public BucketViews.BucketInfo addGlobalAlias(String id, String alias, Actor actor) {
        Bucket bucket = lock(id);
        checkAlias(alias);
        String owner = aliases.bucketOfGlobalAlias(alias).orElse(null);
        if (owner != null && !owner.equals(id)) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_TAKEN, "global alias " + alias + " names another bucket");
        }
        if (owner == null) {
            claimGlobal(alias, id);
            return announced(BucketEvents.BUCKET_ALIASED, bucket, null, actor);
        }
        return view(bucket);
    }

    @Transactional
    public BucketViews.BucketInfo removeGlobalAlias(String id, String alias, Actor actor) {
        Bucket bucket = lock(id);
        if (aliases.removeGlobal(alias, id) == 0) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_NOT_FOUND, "bucket " + id + " has no global alias " + alias);
        }
        return announced(BucketEvents.BUCKET_UNALIASED, bucket, null, actor);
    }

    @Transactional
    public BucketViews.BucketInfo addLocalAlias(String id, String accessKeyId, String alias, Actor actor) {
        Bucket bucket = lock(id);
        checkAlias(alias);
        knownKey(accessKeyId);
        String owner = aliases.bucketOfLocalAlias(accessKeyId, alias).orElse(null);
        if (owner != null && !owner.equals(id)) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_TAKEN, "key " + accessKeyId + " already names another bucket " + alias);
        }
        if (owner == null) {
            claimLocal(accessKeyId, alias, id);
            return announced(BucketEvents.BUCKET_ALIASED, bucket, null, actor);
        }
        return view(bucket);
    }

    @Transactional
    public BucketViews.BucketInfo removeLocalAlias(String id, String accessKeyId, String alias, Actor actor) {
        Bucket bucket = lock(id);
        if (aliases.removeLocal(accessKeyId, alias, id) == 0) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_NOT_FOUND,
                    "bucket " + id + " has no local alias " + alias + " for key " + accessKeyId);
        }
        return announced(BucketEvents.BUCKET_UNALIASED, bucket, null, actor);
    }

    /** Usage as the storage layer counts it; it decides whether the bucket may be deleted. */
    @Transactional
    public BucketViews.BucketInfo reportUsage(String id, BucketViews.Usage usage) {
        if (usage == null || usage.objects() == null || usage.bytes() == null || negative(usage.objects()) || negative(usage.bytes())
                || negative(usage.unfinishedUploads())) {
            throw new ProblemException(ClusterErrorCode.BUCKET_USAGE_INVALID, "objects and bytes are required non-negative integers");
        }
        Bucket bucket = lock(id).withUsage(usage.objects(), usage.bytes(),
                usage.unfinishedUploads() == null ? 0 : usage.unfinishedUploads());
        buckets.update(bucket);
        return view(bucket);
    }

    /** When identity deletes a key, its local aliases go too (the buckets stay), as in Garage. */
    @Transactional(Transactional.TxType.MANDATORY)
    void forgetKey(String accessKeyId, Actor actor) {
        List<String> affected = aliases.bucketsWithLocalAliasesOf(accessKeyId);
        aliases.removeAllLocalOf(accessKeyId);
        keys.deletePermissionsOf(accessKeyId);
        keys.deleteKey(accessKeyId);
        for (String bucketId : affected) {
            buckets.findById(bucketId).ifPresent(bucket -> announce(BucketEvents.BUCKET_UNALIASED, bucket, null, actor, aliasesOf(bucketId)));
        }
    }

    /** The bucket's aliases, read once for both the event and the answer of a change. */
    private record AliasState(List<String> global, List<BucketAliasRepository.LocalAlias> local) {
    }

    private AliasState aliasesOf(String bucketId) {
        return new AliasState(aliases.globalOf(bucketId).stream().map(BucketAliasRepository.GlobalAlias::alias).toList(),
                aliases.localOf(bucketId));
    }

    /** Publishes the change with the bucket's whole alias state and answers with the bucket. */
    private BucketViews.BucketInfo announced(String type, Bucket bucket, @Nullable BucketEvents.InitialGrant grant, Actor actor) {
        AliasState state = aliasesOf(bucket.id());
        announce(type, bucket, grant, actor, state);
        return view(bucket, state);
    }

    private void announce(String type, Bucket bucket, @Nullable BucketEvents.InitialGrant grant, Actor actor, AliasState state) {
        List<BucketViews.LocalAliasRef> local = state.local().stream()
                .map(alias -> new BucketViews.LocalAliasRef(alias.accessKeyId(), alias.alias())).toList();
        outbox.append(Topics.CLUSTER_EVENTS, type, bucket.id(), "bucket/" + bucket.id(),
                new BucketEvents.BucketState(bucket.id(), state.global(), local, bucket.websiteEnabled(),
                        new BucketViews.Quotas(bucket.quotaMaxSize(), bucket.quotaMaxObjects()), grant), actor);
    }

    private BucketViews.BucketInfo view(Bucket bucket) {
        return view(bucket, aliasesOf(bucket.id()));
    }

    private BucketViews.BucketInfo view(Bucket bucket, AliasState state) {
        Map<String, List<String>> localByKey = new LinkedHashMap<>();
        state.local().forEach(alias -> localByKey.computeIfAbsent(alias.accessKeyId(), key -> new ArrayList<>()).add(alias.alias()));
        Map<String, BucketViews.Permissions> permissions = new LinkedHashMap<>();
        keys.permissionsOn(bucket.id()).forEach(permission -> permissions.put(permission.accessKeyId(),
                new BucketViews.Permissions(permission.read(), permission.write(), permission.owner())));
        List<String> keyIds = new ArrayList<>(permissions.keySet());
        localByKey.keySet().stream().filter(key -> !permissions.containsKey(key)).forEach(keyIds::add);
        List<BucketViews.BucketKey> bucketKeys = keyIds.stream().sorted().map(key -> new BucketViews.BucketKey(key,
                keys.keyName(key).orElse(""),
                permissions.getOrDefault(key, new BucketViews.Permissions(false, false, false)),
                localByKey.getOrDefault(key, List.of()))).toList();
        BucketViews.WebsiteConfig website = bucket.websiteEnabled()
                ? new BucketViews.WebsiteConfig(bucket.websiteIndexDocument(), bucket.websiteErrorDocument()) : null;
        return new BucketViews.BucketInfo(bucket.id(), state.global(), bucket.websiteEnabled(), website, bucketKeys, bucket.objects(),
                bucket.bytes(), bucket.unfinishedUploads(), new BucketViews.Quotas(bucket.quotaMaxSize(), bucket.quotaMaxObjects()),
                exceededQuotas(bucket));
    }

    /** Steward's addition: which of the bucket's quotas its usage is over (Garage then refuses writes). */
    private static List<String> exceededQuotas(Bucket bucket) {
        List<String> exceeded = new ArrayList<>();
        if (bucket.quotaMaxSize() != null && bucket.bytes() > bucket.quotaMaxSize()) {
            exceeded.add("maxSize");
        }
        if (bucket.quotaMaxObjects() != null && bucket.objects() > bucket.quotaMaxObjects()) {
            exceeded.add("maxObjects");
        }
        return exceeded;
    }

    private Bucket find(String id) {
        return existing(id, buckets::findById);
    }

    /** The bucket, locked for a change. */
    private Bucket lock(@Nullable String id) {
        if (id == null) {
            throw new ProblemException(ClusterErrorCode.BUCKET_QUERY_INVALID, "the bucket id is required (?id=<bucket id>)");
        }
        return existing(id, buckets::lockById);
    }

    /** A malformed id names no bucket: 404 without a query. */
    private static Bucket existing(String id, java.util.function.Function<String, java.util.Optional<Bucket>> lookup) {
        return (BUCKET_ID.matcher(id).matches() ? lookup.apply(id) : java.util.Optional.<Bucket>empty())
                .orElseThrow(() -> new ProblemException(ClusterErrorCode.BUCKET_NOT_FOUND, id));
    }

    private void knownKey(String accessKeyId) {
        if (keys.keyName(accessKeyId).isEmpty()) {
            throw new ProblemException(ClusterErrorCode.KEY_NOT_FOUND, accessKeyId
                    + " (cluster-service learns keys from identity-service's events; a key created a moment ago may need a moment)");
        }
    }

    /**
     * The check before is only a fast path: two requests can both pass it. The insert decides (it
     * waits for the other transaction), and the loser's whole change rolls back with 409.
     */
    private void claimGlobal(String alias, String bucketId) {
        if (aliases.addGlobal(alias, bucketId) == 0) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_TAKEN, "global alias " + alias + " names another bucket");
        }
    }

    private void claimLocal(String accessKeyId, String alias, String bucketId) {
        if (aliases.addLocal(accessKeyId, alias, bucketId) == 0) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_TAKEN, "key " + accessKeyId + " already has a bucket named " + alias);
        }
    }

    private static void checkAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches() || IPV4_LIKE.matcher(alias).matches() || alias.contains("..")) {
            throw new ProblemException(ClusterErrorCode.BUCKET_ALIAS_INVALID, "'" + alias
                    + "': a bucket name is 3-63 characters of a-z, 0-9, '.', '-', starting and ending with a letter or digit");
        }
    }

    private static boolean negative(@Nullable Long value) {
        return value != null && value < 0;
    }
}
