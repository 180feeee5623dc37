package dev.steward.cluster.node;

import dev.steward.common.event.Topics;
import dev.steward.common.node.AgentRecords;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;

/**
 * Liveness beats that node agents write straight to Kafka. Applying one is naturally idempotent
 * (last_seen only moves forward), so no processed-event bookkeeping is needed for this high-volume topic.
 * A beat counts only when its node signed it ({@link AgentRecords}): agents share a Kafka principal.
 */
@KafkaListener(groupId = "cluster-service.heartbeats", offsetReset = OffsetReset.EARLIEST)
public class HeartbeatListener {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatListener.class);

    private final NodeService nodeService;
    private final JsonMapper jsonMapper;
    private final AgentRecords agents;

    public HeartbeatListener(NodeService nodeService, JsonMapper jsonMapper, AgentRecords agents) {
        this.nodeService = nodeService;
        this.jsonMapper = jsonMapper;
        this.agents = agents;
    }

    @Serdeable
    public record Heartbeat(String nodeId, @Nullable String hostname, Instant sentAt, @Nullable String agentVersion, @Nullable String release,
                            @Nullable Long dataBytesTotal, @Nullable Long dataBytesFree, @Nullable Double load1, @Nullable Integer cpus) {
    }

    @Topic(Topics.CLUSTER_HEARTBEATS)
    void onHeartbeat(ConsumerRecord<String, byte[]> record) {
        Heartbeat beat;
        try {
            beat = jsonMapper.readValue(record.value(), Heartbeat.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Dropping unreadable heartbeat: {}", e.getMessage());
            return;
        }
        if (beat == null || beat.nodeId() == null || beat.sentAt() == null) {
            LOG.warn("Dropping heartbeat without nodeId or sentAt");
            return;
        }
        if (!agents.signedBy(record, beat.nodeId())) {
            return;
        }
        if (!nodeService.heartbeat(beat)) {
            LOG.debug("Heartbeat from unknown node {}", beat.nodeId());
        }
    }
}
