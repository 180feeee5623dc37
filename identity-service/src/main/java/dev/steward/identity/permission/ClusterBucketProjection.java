package dev.steward.identity.permission;

import dev.steward.common.consistency.Projection;
import dev.steward.common.event.Actor;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.key.AccessKeyRepository;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Set;

/**
 * Keeps the buckets (ids and aliases) that permissions and GetKeyInfo refer to, from cluster-service's
 * bucket events. Every event carries the bucket's whole alias state, so applying one replaces the
 * copy; a permission granted with CreateBucket's local alias becomes identity's own grant.
 */
@KafkaListener(groupId = ClusterBucketProjection.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class ClusterBucketProjection extends Projection {

    static final String CONSUMER = "identity-service.cluster-buckets";
    static final Set<String> BUCKET_STATES = Set.of(EventTypes.type("cluster", "BucketCreated"), EventTypes.type("cluster", "BucketUpdated"),
            EventTypes.type("cluster", "BucketAliased"), EventTypes.type("cluster", "BucketUnaliased"));
    static final String BUCKET_DELETED = EventTypes.type("cluster", "BucketDeleted");

    private final Inbox.Handler handler;
    private final EventReader reader;
    private final PermissionRepository permissions;
    private final AccessKeyRepository keys;
    private final AuditTrail audit;

    public ClusterBucketProjection(Inbox inbox, EventReader reader, PermissionRepository permissions,
                                   AccessKeyRepository keys, AuditTrail audit) {
        super(CONSUMER, Topics.CLUSTER_EVENTS);
        this.handler = inbox.handler(CONSUMER, this::apply);
        this.reader = reader;
        this.permissions = permissions;
        this.keys = keys;
        this.audit = audit;
    }

    @Serdeable
    record LocalAlias(String accessKeyId, String alias) {
    }

    @Serdeable
    record Grant(String accessKeyId, boolean read, boolean write, boolean owner) {
    }

    @Serdeable
    record BucketState(String bucketId, List<String> globalAliases, List<LocalAlias> localAliases, @Nullable Grant grant) {
    }

    @Topic(Topics.CLUSTER_EVENTS)
    void onClusterEvent(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }

    private void apply(CloudEvent event) {
        if (BUCKET_STATES.contains(event.type())) {
            BucketState state = reader.data(event, BucketState.class);
            permissions.upsertBucket(state.bucketId(), state.globalAliases().toArray(String[]::new));
            permissions.clearLocalAliases(state.bucketId());
            state.localAliases().forEach(alias -> permissions.addLocalAlias(state.bucketId(), alias.accessKeyId(), alias.alias()));
            Grant grant = state.grant();
            if (grant != null && keys.existsById(grant.accessKeyId())) {
                permissions.upsert(state.bucketId(), grant.accessKeyId(), grant.read(), grant.write(), grant.owner());
                audit.record(new Actor(event.actor(), event.clientip()), "BucketCreateGrant",
                        "bucket/" + state.bucketId() + "/key/" + grant.accessKeyId(), "succeeded");
            }
        } else if (BUCKET_DELETED.equals(event.type())) {
            String bucketId = reader.data(event, BucketState.class).bucketId();
            permissions.deleteGrantsOn(bucketId);
            permissions.deleteBucket(bucketId);
        }
    }
}
