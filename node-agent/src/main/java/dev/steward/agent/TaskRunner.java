package dev.steward.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads jobs-service's task topic and acts on the tasks addressed to this node, answering each on
 * the result topic: {@code reboot} restarts the supervised storage process, {@code update} downloads
 * and installs a package ({@link dev.steward.agent.update.UpdateInstaller}); any other action, or a
 * task it cannot read, is reported failed with the reason (a bad task never stops the agent).
 * Its consumer group is its own ({@code node-agent.<node id>}), so every agent sees every task and
 * takes only its own; offsets are committed after the result is sent, so a task in flight when the
 * agent dies is done again after its restart (a restart twice is harmless).
 */
final class TaskRunner implements AutoCloseable {

    /** The services' {@code Topics.JOBS_NODE_TASKS} and {@code JOBS_NODE_TASK_RESULTS} (TaskRunnerTest keeps them equal). */
    static final String TASKS = "steward.jobs.node-tasks.v1";
    static final String RESULTS = "steward.jobs.node-task-results.v1";
    static final String TASK_REQUESTED = "dev.steward.jobs.NodeTaskRequested.v1";
    static final String TASK_COMPLETED = "dev.steward.agent.NodeTaskCompleted.v1";

    private final NodeIdentity identity;
    private final StorageProcess storage;
    private final dev.steward.agent.update.UpdateTask update;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private volatile boolean running = true;

    TaskRunner(AgentConfig config, NodeIdentity identity, StorageProcess storage, dev.steward.agent.update.UpdateTask update,
               KafkaProducer<String, byte[]> producer) {
        this.identity = identity;
        this.storage = storage;
        this.update = update;
        Map<String, Object> properties = new java.util.HashMap<>(config.kafkaSecurity());
        properties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "node-agent." + identity.nodeId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        // One task runs on the poll thread; an update's check may take up to its timeout, and the
        // group must not drop the agent meanwhile (which would hand the task out again mid-install).
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, config.checkTimeout().plusMinutes(15).toMillis()));
        this.consumer = new KafkaConsumer<>(properties);
        this.producer = producer;
        this.thread = new Thread(this::run, "agent-tasks");
        thread.setDaemon(true);
    }

    void start() {
        consumer.subscribe(List.of(TASKS));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (AuthorizationException e) {
                    // The services create the task topic; an agent may not (deploy/kafka/acls.tsv). Until one
                    // has, the broker refuses the agent's metadata request: wait for it rather than stop reading.
                    System.err.println("node-agent: cannot read " + TASKS + " yet (" + e.getMessage() + "); trying again");
                    sleep();
                    continue;
                }
                boolean failed = false;
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (failed) {
                            // not handled in this round: read it again, in order, next time
                            consumer.seek(partition, record.offset());
                            break;
                        }
                        try {
                            handle(record.value());
                            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                        } catch (RuntimeException e) {
                            // The result could not be sent (Kafka away): come back to this task, not past it.
                            System.err.println("node-agent: " + e.getMessage() + "; trying again");
                            consumer.seek(partition, record.offset());
                            failed = true;
                            break;
                        }
                    }
                }
                if (failed) {
                    sleep();
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One record of the task topic: ignored unless it is a task for this node. */
    void handle(byte[] value) {
        JsonNode event;
        try {
            event = json.readTree(value);
        } catch (IOException e) {
            System.err.println("node-agent: unreadable record on " + TASKS + ": " + e.getMessage());
            return;
        }
        JsonNode data = event.path("data");
        if (!TASK_REQUESTED.equals(event.path("type").asText()) || !identity.nodeId().equals(data.path("nodeId").asText())) {
            return;
        }
        String taskId = data.path("taskId").asText(null);
        if (taskId == null) {
            System.err.println("node-agent: a task without taskId: " + event.path("id").asText());
            return;
        }
        String action = data.path("action").asText("");
        TaskResult result;
        try {
            result = switch (action) {
                case "reboot" -> TaskResult.success(storage.restart());
                case "update" -> update.run(data.path("parameters"));
                default -> TaskResult.failed("unknown action '" + action + "'");
            };
        } catch (IOException | RuntimeException e) {
            result = TaskResult.failed("update".equals(action) ? TaskResult.UPDATE_FAILED : null, action + " failed: " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        report(taskId, result);
    }

    private void report(String taskId, TaskResult outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("taskId", taskId);
        result.put("nodeId", identity.nodeId());
        result.put("outcome", outcome.succeeded() ? "success" : "failed");
        result.put("message", outcome.message());
        if (outcome.errorCode() != null) {
            result.put("errorCode", outcome.errorCode());
        }
        if (!outcome.log().isEmpty()) {
            result.put("log", outcome.log());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/steward/node-agent/" + identity.nodeId());
        event.put("type", TASK_COMPLETED);
        event.put("subject", "node/" + identity.nodeId());
        event.put("time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        event.put("datacontenttype", "application/json");
        event.put("actor", "node:" + identity.nodeId());
        event.put("data", result);
        try {
            producer.send(identity.record(RESULTS, json.writeValueAsBytes(event))).get();
            System.out.println("node-agent: task " + taskId + " " + result.get("outcome") + ": " + outcome.message());
        } catch (Exception e) {
            throw new IllegalStateException("could not report task " + taskId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
