package dev.steward.jobs;

import dev.steward.common.event.Topics;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestEvents;
import dev.steward.testing.TestInfrastructure;
import dev.steward.testing.TestNodeKey;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

    private final KafkaAccess kafka;
    private final List<Task> received = new CopyOnWriteArrayList<>();
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final Map<String, TestNodeKey> nodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.createDefault();
    private final Thread reader;
    private volatile boolean running = true;

    public TestNodeAgent() {
        this(TestInfrastructure.get().kafka());
    }

    /** An agent on the broker of {@code kafka}, as the agents' principal; its consumer rides out that broker's restarts. */
    public TestNodeAgent(KafkaAccess kafka) {
        this.kafka = kafka;
        Map<String, Object> config = new HashMap<>(kafka.client("agent"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "node-agent.test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of(Topics.JOBS_NODE_TASKS));
                while (running) {
                    try {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            received.add(parse(record.value()));
                        }
                    } catch (AuthorizationException notYet) {
                        // as a real agent: the task topic is not there until jobs-service has created it
                        pause();
                    }
                }
            }
        }, "test-node-agent");
        reader.setDaemon(true);
        reader.start();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** A new node this agent plays: its id is its key's, so that its results are signed as a real agent's. */
    public String newNode() {
        TestNodeKey key = TestNodeKey.generate();
        nodes.put(key.nodeId(), key);
        return key.nodeId();
    }

    /** The agent's report, as a CloudEvent on the result topic, signed by the task's node. */
    public void reply(Task task, String outcome, String message) {
        TestNodeKey key = nodes.get(task.nodeId());
        if (key == null) {
            throw new IllegalStateException("node " + task.nodeId() + " is not one of this agent's (newNode())");
        }
        key.send(kafka, Topics.JOBS_NODE_TASK_RESULTS, result(task, outcome, message));
    }

    /** The CloudEvent a node's agent sends for {@code task}. */
    public static String result(Task task, String outcome, String message) {
        return TestEvents.event(UUID.randomUUID().toString(), "agent", "NodeTaskCompleted", "node/" + task.nodeId(),
                "{\"taskId\":\"" + task.taskId() + "\",\"nodeId\":\"" + task.nodeId() + "\",\"outcome\":\"" + outcome
                        + "\",\"message\":\"" + message + "\"}");
    }

    public KafkaAccess kafka() {
        return kafka;
    }

    @Override
    public void close() {
        running = false;
    }
}
