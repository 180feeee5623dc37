package dev.steward.jobs.node;

import dev.steward.common.consistency.Projection;
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

/**
 * Keeps {@code known_node} in step with the cluster. Each event is applied once: a redelivered old
 * NodeConnected must not move a node back to an address it has since left.
 */
@KafkaListener(groupId = ClusterNodeProjection.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class ClusterNodeProjection extends Projection {

    static final String CONSUMER = "jobs-service.cluster-nodes";
    /** The cluster's event type; jobs-service reads the published contract, not cluster-service's code. */
    static final String NODE_CONNECTED = EventTypes.type("cluster", "NodeConnected");
    static final String NODE_FORGOTTEN = EventTypes.type("cluster", "NodeForgotten");

    private final Inbox.Handler handler;
    private final EventReader reader;
    private final KnownNodeRepository nodes;

    public ClusterNodeProjection(Inbox inbox, EventReader reader, KnownNodeRepository nodes) {
        super(CONSUMER, Topics.CLUSTER_EVENTS);
        this.handler = inbox.handler(CONSUMER, this::apply);
        this.reader = reader;
        this.nodes = nodes;
    }

    @Serdeable
    record NodeConnected(String nodeId, String address) {
    }

    @Topic(Topics.CLUSTER_EVENTS)
    void onClusterEvent(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }

    private void apply(CloudEvent event) {
        if (NODE_CONNECTED.equals(event.type())) {
            NodeConnected connected = reader.data(event, NodeConnected.class);
            nodes.upsert(connected.nodeId(), connected.address(), event.time().toInstant());
        } else if (NODE_FORGOTTEN.equals(event.type())) {
            // A forgotten node gets no more rollout or reboot tasks.
            nodes.deleteById(reader.data(event, NodeConnected.class).nodeId());
        }
    }
}
