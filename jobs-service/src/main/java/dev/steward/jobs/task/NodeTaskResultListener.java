package dev.steward.jobs.task;

import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import dev.steward.common.node.AgentRecords;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Node agents' results. One consumer group for all jobs-service replicas: each result is applied
 * once, in the database, and whichever replica runs the job sees it on its next step. A result
 * reaches the inbox only when the node it is for signed it ({@link AgentRecords}): agents share a
 * Kafka principal and read every node's tasks, so otherwise any node could answer for another.
 */
@KafkaListener(groupId = NodeTaskResultListener.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class NodeTaskResultListener {

    static final String CONSUMER = "jobs-service.node-task-results";
    public static final String TASK_COMPLETED = EventTypes.type("agent", "NodeTaskCompleted");
    private static final java.util.Set<String> AGENT_CODES = java.util.Set.of("E1000", "E1002");
    private static final Logger LOG = LoggerFactory.getLogger(NodeTaskResultListener.class);

    private final Inbox.Handler handler;
    private final EventReader reader;
    private final NodeTasks tasks;
    private final AgentRecords agents;

    public NodeTaskResultListener(Inbox inbox, EventReader reader, NodeTasks tasks, AgentRecords agents) {
        this.handler = inbox.handler(CONSUMER, this::apply);
        this.reader = reader;
        this.tasks = tasks;
        this.agents = agents;
        agents.watch(Topics.JOBS_NODE_TASK_RESULTS);
    }

    /**
     * What an agent reports: {@code outcome} is {@code success} or {@code failed}; a failed update
     * may name Jidoteki's {@code errorCode} (E1000, E1002) and carry {@code log} lines.
     */
    @Serdeable
    record TaskCompleted(@Nullable UUID taskId, @Nullable String nodeId, @Nullable String outcome, @Nullable String message,
                         @Nullable String errorCode, @Nullable List<String> log) {
    }

    @Topic(Topics.JOBS_NODE_TASK_RESULTS)
    void onResult(ConsumerRecord<String, byte[]> record) {
        if (agents.signedBy(record, namedNode(record))) {
            handler.deliver(record);
        }
    }

    /** The node a result speaks for; for an unreadable one its key, so that its signer's record is parked by the inbox. */
    private String namedNode(ConsumerRecord<String, byte[]> record) {
        try {
            String named = reader.data(reader.read(record.value()), TaskCompleted.class).nodeId();
            return named == null ? record.key() : named;
        } catch (RuntimeException unreadable) {
            return record.key();
        }
    }

    private void apply(CloudEvent event) {
        if (!TASK_COMPLETED.equals(event.type())) {
            return;
        }
        TaskCompleted result;
        try {
            result = reader.data(event, TaskCompleted.class);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring unreadable result {}: {}", event.id(), e.getMessage()); // retrying cannot make it readable
            return;
        }
        if (result.taskId() == null || result.nodeId() == null
                || (!"success".equals(result.outcome()) && !"failed".equals(result.outcome()))) {
            LOG.warn("Ignoring result {}: taskId, nodeId and outcome (success or failed) are required", event.id());
            return;
        }
        // Only codes an agent may give: anything else is recorded as the generic rollout failure.
        String errorCode = result.errorCode() != null && AGENT_CODES.contains(result.errorCode()) ? result.errorCode() : null;
        if (tasks.complete(result.taskId(), result.nodeId(), result.outcome().equals("success"),
                result.message() == null ? "" : result.message(), errorCode,
                result.log() == null ? List.of() : result.log().stream().filter(java.util.Objects::nonNull).toList()).isEmpty()) {
            LOG.info("Ignoring result {}: task {} of node {} is not waiting for one", event.id(), result.taskId(), result.nodeId());
        }
    }
}
