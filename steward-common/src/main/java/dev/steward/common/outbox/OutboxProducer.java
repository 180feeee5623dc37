package dev.steward.common.outbox;

import dev.steward.common.kafka.KafkaClientSecurity;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;

/** The relay's producer: acks from all in-sync replicas and broker-side de-duplication of retries. */
@Singleton
@Requires(classes = KafkaProducer.class)
@Requires(property = "kafka.bootstrap.servers")
@Requires(property = "kafka.enabled", notEquals = "false")
public class OutboxProducer {

    private final Producer<String, byte[]> producer;

    public OutboxProducer(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                          @Value("${steward.events.source}") String clientId,
                          KafkaClientSecurity security) {
        Properties config = new Properties();
        config.putAll(security.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-" + clientId.replaceAll("[^A-Za-z0-9.-]", "-"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    public Producer<String, byte[]> producer() {
        return producer;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
