package dev.steward.agent;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The agent's one Kafka producer, shared by heartbeats and task results (one connection per agent, not two). */
final class AgentProducer {

    private AgentProducer() {
    }

    /** Idempotent and acknowledged by all replicas: a task result must not be lost; a beat gives up after two intervals. */
    static KafkaProducer<String, byte[]> create(AgentConfig config) {
        int deliveryTimeout = (int) Math.max(10_000, config.heartbeatInterval().toMillis() * 2);
        Map<String, Object> properties = new HashMap<>(config.kafkaSecurity());
        properties.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryTimeout - 1000));
        return new KafkaProducer<>(properties);
    }
}
