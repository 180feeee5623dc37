package dev.steward.cluster.bucket;

import dev.steward.common.consistency.Projection;
import dev.steward.common.event.Actor;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Set;

/**
 * Keeps cluster-service's copy of identity's keys (for local aliases and key names in GetBucketInfo)
 * and bucket-key permissions. Reads the published event contract, not identity-service's code.
 */
@KafkaListener(groupId = IdentityProjection.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class IdentityProjection extends Projection {

    static final String CONSUMER = "cluster-service.identity";
    static final Set<String> KEY_UPSERTS = Set.of(EventTypes.type("identity", "KeyCreated"), EventTypes.type("identity", "KeyImported"),
            EventTypes.type("identity", "KeyUpdated"));
    static final String KEY_DELETED = EventTypes.type("identity", "KeyDeleted");
    static final String PERMISSION_CHANGED = EventTypes.type("identity", "BucketKeyPermissionChanged");

    private final Inbox.Handler handler;
    private final EventReader reader;
    private final KeyProjectionRepository keys;
    private final BucketService buckets;

    public IdentityProjection(Inbox inbox, EventReader reader, KeyProjectionRepository keys, BucketService buckets) {
        super(CONSUMER, Topics.IDENTITY_EVENTS);
        this.handler = inbox.handler(CONSUMER, this::apply);
        this.reader = reader;
        this.keys = keys;
        this.buckets = buckets;
    }

    @Serdeable
    record KeyChanged(String accessKeyId, String name) {
    }

    @Serdeable
    record PermissionChanged(String bucketId, String accessKeyId, boolean read, boolean write, boolean owner) {
    }

    @Topic(Topics.IDENTITY_EVENTS)
    void onIdentityEvent(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }

    private void apply(CloudEvent event) {
        if (KEY_UPSERTS.contains(event.type())) {
            KeyChanged key = reader.data(event, KeyChanged.class);
            keys.upsertKey(key.accessKeyId(), key.name());
        } else if (KEY_DELETED.equals(event.type())) {
            buckets.forgetKey(reader.data(event, KeyChanged.class).accessKeyId(), new Actor(event.actor(), event.clientip()));
        } else if (PERMISSION_CHANGED.equals(event.type())) {
            PermissionChanged change = reader.data(event, PermissionChanged.class);
            keys.upsertPermission(change.bucketId(), change.accessKeyId(), change.read(), change.write(), change.owner());
        }
    }
}
