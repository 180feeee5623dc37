package dev.steward.identity.export;

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

/** Keeps the volumes exports may refer to, from cluster-service's VolumeCreated and VolumeDeleted. */
@KafkaListener(groupId = ClusterVolumeProjection.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class ClusterVolumeProjection extends Projection {

    static final String CONSUMER = "identity-service.cluster-volumes";
    static final String VOLUME_CREATED = EventTypes.type("cluster", "VolumeCreated");
    static final String VOLUME_DELETED = EventTypes.type("cluster", "VolumeDeleted");

    private final Inbox.Handler handler;
    private final EventReader reader;
    private final ExportService exports;

    public ClusterVolumeProjection(Inbox inbox, EventReader reader, ExportService exports) {
        super(CONSUMER, Topics.CLUSTER_EVENTS);
        this.handler = inbox.handler(CONSUMER, this::apply);
        this.reader = reader;
        this.exports = exports;
    }

    @Serdeable
    record VolumeChanged(long volumeId, String name) {
    }

    @Topic(Topics.CLUSTER_EVENTS)
    void onClusterEvent(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }

    private void apply(CloudEvent event) {
        if (VOLUME_CREATED.equals(event.type())) {
            VolumeChanged volume = reader.data(event, VolumeChanged.class);
            exports.volumeAnnounced(volume.volumeId(), volume.name());
        } else if (VOLUME_DELETED.equals(event.type())) {
            Actor actor = event.actor() == null ? Actor.system("cluster-service") : new Actor(event.actor(), event.clientip());
            exports.volumeDeleted(reader.data(event, VolumeChanged.class).volumeId(), actor);
        }
    }
}
