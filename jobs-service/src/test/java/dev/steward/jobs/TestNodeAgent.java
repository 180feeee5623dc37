package dev.steward.jobs;

import dev.steward.common.event.Topics;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import dev.steward.testing.TestInfrastructure;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the node agents: reads every task jobs-service sends on the real node-task topic and
 * answers on the result topic when the test says so. Nothing is faked on the jobs-service side.
 */
public final class TestNodeAgent implements AutoCloseable {

    public record Task(String taskId, String jobId, String nodeId, String action, Map<String, Object> parameters, Instant receivedAt) {
    }

    private final String bootstrapServers;
    private final List<Task> received = new CopyOnWriteArrayList<>();
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.createDefault();
    private final Thread reader;
    private volatile boolean running = true;

    public TestNodeAgent() {
        this(TestInfrastructure.get().kafkaBootstrapServers());
    }

    /** An agent on the broker at {@code bootstrapServers}; its consumer rides out that broker's restarts. */
    public TestNodeAgent(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-agent-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of(Topics.JOBS_NODE_TASKS));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        received.add(parse(record.value()));
                    }
                }
            }
        }, "test-node-agent");
        reader.setDaemon(true);
        reader.start();
    }

    @SuppressWarnings("unchecked")
    private Task parse(byte[] value) {
        try {
            Map<String, Object> data = (Map<String, Object>) json.readValue(value, Map.class).get("data");
            return new Task((String) data.get("taskId"), (String) data.get("jobId"), (String) data.get("nodeId"), (String) data.get("action"),
                    (Map<String, Object>) data.get("parameters"), Instant.now());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's next task not yet handed to the test, waiting up to {@code timeout}. */
    public Optional<Task> nextTask(String jobId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Task task : received) {
                if (task.jobId().equals(jobId) && !taken.contains(task.taskId())) {
                    taken.add(task.taskId());
                    return Optional.of(task);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public List<Task> tasksOf(String jobId) {
        return received.stream().filter(task -> task.jobId().equals(jobId)).toList();
    }

    /** The agent's report, as a CloudEvent on the result topic. */
    public void reply(Task task, String outcome, String message) {
        KafkaTestClient.send(bootstrapServers, Topics.JOBS_NODE_TASK_RESULTS, task.nodeId(), TestEvents.event(UUID.randomUUID().toString(), "agent",
                "NodeTaskCompleted", "node/" + task.nodeId(), "{\"taskId\":\"" + task.taskId() + "\",\"nodeId\":\"" + task.nodeId()
                        + "\",\"outcome\":\"" + outcome + "\",\"message\":\"" + message + "\"}"));
    }

    @Override
    public void close() {
        running = false;
    }
}
