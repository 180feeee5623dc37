package dev.steward.common.kafka;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics a service publishes to and reads from, so nothing relies on broker-side
 * auto-creation (usually disabled in production). Creating an existing topic is a no-op.
 */
@Singleton
@Requires(classes = org.apache.kafka.clients.admin.Admin.class)
@Requires(property = "kafka.bootstrap.servers")
@Requires(property = "kafka.enabled", notEquals = "false")
@Requires(property = "steward.kafka.topics")
public class TopicInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    private final String bootstrapServers;
    private final List<String> topics;
    private final int partitions;
    private final short replicationFactor;
    private final KafkaClientSecurity security;
    private final java.util.Set<String> ensured = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TopicInitializer(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${steward.kafka.topics}") List<String> topics,
                            @Value("${steward.kafka.partitions:3}") int partitions,
                            @Value("${steward.kafka.replication-factor:1}") short replicationFactor,
                            KafkaClientSecurity security) {
        this.security = security;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ensureTopics();
    }

    /** Creates one more topic (a dead-letter topic, on first use); a no-op once it exists. */
    public void ensure(String topic) {
        if (ensured.contains(topic)) {
            return;
        }
        create(List.of(topic));
        ensured.add(topic);
    }

    public void ensureTopics() {
        create(topics);
    }

    private void create(List<String> topics) {
        Map<String, Object> config = new java.util.HashMap<>(security.properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = Admin.create(config)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all().get(20, TimeUnit.SECONDS);
                    LOG.info("Created topic {}", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + topic + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer topic creation in time", e);
        }
    }
}
