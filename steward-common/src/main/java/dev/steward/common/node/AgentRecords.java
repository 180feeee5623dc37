package dev.steward.common.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The gate in front of every listener of what node agents write (heartbeats, usage, task results):
 * a record counts only when the node it speaks for signed it ({@link NodeSignature}). The agents
 * share one Kafka principal, so the ACLs alone would let any node speak for another. What is
 * refused is dropped (never parked or retried: a forgery cannot become genuine), logged, and
 * counted in {@code steward_agent_records_refused_total{topic,reason}}.
 */
@Singleton
public class AgentRecords {

    public static final String METRIC = "steward.agent.records.refused";
    private static final Logger LOG = LoggerFactory.getLogger(AgentRecords.class);

    /** Why a record was refused, the metric's {@code reason}. */
    public enum Refusal {
        /** no signature header */
        UNSIGNED,
        /** the record's key is not the node its content names */
        OTHER_NODE,
        /** the signature does not verify with the key's node id */
        BAD_SIGNATURE
    }

    private final @Nullable MeterRegistry meters;

    public AgentRecords(@Nullable MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Shows {@code topic}'s refusal counters from the start, at 0, so that an alert on their
     * {@code increase()} sees the first forgery (a series that appears with 1 has no increase).
     */
    public void watch(String topic) {
        if (meters == null) {
            return;
        }
        for (Refusal refusal : Refusal.values()) {
            counter(topic, refusal);
        }
    }

    private Counter counter(String topic, Refusal refusal) {
        return Counter.builder(METRIC).description("Records in a node's name that the node did not sign, dropped")
                .tag("topic", topic).tag("reason", refusal.name().toLowerCase(java.util.Locale.ROOT)).register(meters);
    }

    /**
     * True when {@code record} is signed by {@code nodeId}, the node its content speaks for; otherwise
     * the refusal is logged and counted, and the caller drops the record.
     */
    public boolean signedBy(ConsumerRecord<String, byte[]> record, String nodeId) {
        Header header = record.headers().lastHeader(NodeSignature.HEADER);
        Refusal refusal;
        if (header == null) {
            refusal = Refusal.UNSIGNED;
        } else if (nodeId == null || !nodeId.equals(record.key())) {
            refusal = Refusal.OTHER_NODE;
        } else if (!NodeSignature.verifies(record.topic(), nodeId, record.value(), new String(header.value(), StandardCharsets.US_ASCII))) {
            refusal = Refusal.BAD_SIGNATURE;
        } else {
            return true;
        }
        LOG.warn("Refusing a record on {} (partition {}, offset {}) in the name of node {}: {}", record.topic(), record.partition(),
                record.offset(), nodeId, refusal.name().toLowerCase(java.util.Locale.ROOT));
        if (meters != null) {
            counter(record.topic(), refusal).increment();
        }
        return false;
    }
}
