package dev.steward.cluster.node;

import dev.steward.common.event.Topics;
import dev.steward.common.node.AgentRecords;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Liveness beats that node agents write straight to Kafka, a poll's worth at a time. Applying one is
 * naturally idempotent (last_seen only moves forward), so no processed-event bookkeeping is needed for
 * this high-volume topic, and a batch is written in one transaction ({@link HeartbeatWriter}).
 * A beat counts only when its node signed it ({@link AgentRecords}): agents share a Kafka principal.
 */
// Larger polls than Kafka's 500: one transaction per poll, and a node beating twice in one counts once.
@KafkaListener(groupId = "cluster-service.heartbeats", offsetReset = OffsetReset.EARLIEST, batch = true,
        properties = @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "2000"))
public class HeartbeatListener {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatListener.class);
    private static final int PARALLEL_FROM = 64;

    private final NodeService nodeService;
    private final JsonMapper jsonMapper;
    private final AgentRecords agents;

    public HeartbeatListener(NodeService nodeService, JsonMapper jsonMapper, AgentRecords agents) {
        this.nodeService = nodeService;
        this.jsonMapper = jsonMapper;
        this.agents = agents;
        agents.watch(Topics.CLUSTER_HEARTBEATS);
    }

    @Serdeable
    public record Heartbeat(String nodeId, @Nullable String hostname, Instant sentAt, @Nullable String agentVersion, @Nullable String release,
                            @Nullable Long dataBytesTotal, @Nullable Long dataBytesFree, @Nullable Double load1, @Nullable Integer cpus) {
    }

    @Topic(Topics.CLUSTER_HEARTBEATS)
    void onHeartbeats(List<ConsumerRecord<String, byte[]>> records) {
        // Checking signatures is most of a beat's cost (~70 µs each): spread a large poll over the cores.
        List<Heartbeat> accepted = (records.size() >= PARALLEL_FROM ? records.parallelStream() : records.stream())
                .map(this::accepted).filter(java.util.Objects::nonNull).toList();
        try {
            int seen = nodeService.heartbeats(accepted);
            if (seen < accepted.size()) {
                LOG.debug("{} of {} heartbeats were from unknown nodes", accepted.size() - seen, accepted.size());
            }
        } catch (RuntimeException e) {
            // Dropped, not retried: each node beats again within seconds, saying the same, newer.
            LOG.warn("Dropping {} heartbeats: {}", accepted.size(), e.getMessage());
        }
    }

    /** The beat of {@code record}, or null when it is unreadable or its node did not sign it. */
    private Heartbeat accepted(ConsumerRecord<String, byte[]> record) {
        Heartbeat beat;
        try {
            beat = jsonMapper.readValue(record.value(), Heartbeat.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Dropping unreadable heartbeat: {}", e.getMessage());
            return null;
        }
        if (beat == null || beat.nodeId() == null || beat.sentAt() == null) {
            LOG.warn("Dropping heartbeat without nodeId or sentAt");
            return null;
        }
        return agents.signedBy(record, beat.nodeId()) ? beat : null;
    }
}
