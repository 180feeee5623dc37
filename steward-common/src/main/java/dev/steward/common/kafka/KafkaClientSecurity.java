package dev.steward.common.kafka;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * The security settings of the Kafka clients Steward builds itself (outbox producer, topic admin),
 * read from the same {@code kafka.*} properties Micronaut hands its listeners, so every client of a
 * service authenticates as the same principal (deploy/kafka/acls.tsv).
 */
@Singleton
public class KafkaClientSecurity {

    private final Map<String, Object> properties;

    public KafkaClientSecurity(@Value("${kafka.security.protocol:PLAINTEXT}") String protocol,
                               @Nullable @Value("${kafka.sasl.mechanism:}") String mechanism,
                               @Nullable @Value("${kafka.sasl.jaas.config:}") String jaasConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", protocol);
        if (protocol.startsWith("SASL")) {
            if (jaasConfig == null || jaasConfig.isBlank()) {
                throw new IllegalStateException("kafka.security.protocol is " + protocol
                        + " but no credentials are configured: set KAFKA_USERNAME and KAFKA_PASSWORD");
            }
            config.put("sasl.mechanism", mechanism == null || mechanism.isBlank() ? "SCRAM-SHA-512" : mechanism);
            config.put("sasl.jaas.config", jaasConfig);
        }
        this.properties = Map.copyOf(config);
    }

    /** Properties to add to a client's configuration. */
    public Map<String, Object> properties() {
        return properties;
    }
}
