package dev.steward.common.kafka;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The security settings of the Kafka clients Steward builds itself (outbox producer, topic admin),
 * taken from the same {@code kafka.*} properties Micronaut hands its listeners, so every client of a
 * service authenticates as the same principal (deploy/kafka/acls.tsv) and trusts the same CA:
 * {@code security.protocol}, every {@code sasl.*} and every {@code ssl.*} setting Kafka's clients know
 * (so {@code KAFKA_SSL_TRUSTSTORE_LOCATION} works for SASL_SSL as it does for the listeners).
 */
@Singleton
public class KafkaClientSecurity {

    /** The client settings that say how to connect securely; bootstrap, serializers and timeouts stay each client's own. */
    static final Set<String> SECURITY_SETTINGS = ProducerConfig.configNames().stream()
            .filter(name -> name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl."))
            .collect(Collectors.toUnmodifiableSet());

    private final Map<String, Object> properties;

    public KafkaClientSecurity(Environment environment) {
        Map<String, Object> config = new HashMap<>();
        environment.getProperties("kafka", StringConvention.RAW).forEach((name, value) -> {
            if (SECURITY_SETTINGS.contains(name) && value != null && !String.valueOf(value).isBlank()) {
                config.put(name, String.valueOf(value));
            }
        });
        String protocol = (String) config.getOrDefault("security.protocol", "PLAINTEXT");
        config.put("security.protocol", protocol);
        if (protocol.startsWith("SASL") && !config.containsKey("sasl.jaas.config")) {
            throw new IllegalStateException("kafka.security.protocol is " + protocol
                    + " but no credentials are configured: set KAFKA_USERNAME and KAFKA_PASSWORD");
        }
        this.properties = Map.copyOf(config);
    }

    /** Properties to add to a client's configuration. */
    public Map<String, Object> properties() {
        return properties;
    }
}
