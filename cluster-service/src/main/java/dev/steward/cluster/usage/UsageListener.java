package dev.steward.cluster.usage;

import dev.steward.common.event.Topics;
import dev.steward.common.node.AgentRecords;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The node agents' usage reports, written straight to Kafka like heartbeats. Applying a part is
 * idempotent (a row moves only to a newer scan), so no processed-event bookkeeping is kept, and a
 * part that cannot be read is dropped: the agent reports again at its next interval. A part counts
 * only when the node it reports for signed it ({@link AgentRecords}).
 */
@KafkaListener(groupId = "cluster-service.node-usage", offsetReset = OffsetReset.EARLIEST)
public class UsageListener {

    private static final Logger LOG = LoggerFactory.getLogger(UsageListener.class);

    private final UsageService usage;
    private final JsonMapper jsonMapper;
    private final AgentRecords agents;

    public UsageListener(UsageService usage, JsonMapper jsonMapper, AgentRecords agents) {
        this.usage = usage;
        this.jsonMapper = jsonMapper;
        this.agents = agents;
        agents.watch(Topics.CLUSTER_NODE_USAGE);
    }

    @Topic(Topics.CLUSTER_NODE_USAGE)
    void onReport(ConsumerRecord<String, byte[]> record) {
        UsageReport report;
        try {
            report = jsonMapper.readValue(record.value(), UsageReport.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Dropping an unreadable usage report: {}", e.getMessage());
            return;
        }
        if (report != null && agents.signedBy(record, report.nodeId())) {
            usage.apply(report);
        }
    }
}
