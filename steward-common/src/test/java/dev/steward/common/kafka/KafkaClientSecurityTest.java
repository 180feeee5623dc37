package dev.steward.common.kafka;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steward's own Kafka clients connect as Micronaut's listeners do: same principal, same trust. */
class KafkaClientSecurityTest {

    private static Map<String, Object> securityOf(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            return context.getBean(KafkaClientSecurity.class).properties();
        }
    }

    @Test
    void saslOverTlsTakesTheCredentialsAndTheTruststore() {
        Map<String, Object> security = securityOf(Map.of(
                "kafka.bootstrap.servers", "kafka:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"jobs\" password=\"p\";",
                "kafka.ssl.truststore.location", "/etc/steward/kafka-ca.p12",
                "kafka.ssl.truststore.type", "PKCS12",
                "kafka.health.restricted", "true"));
        assertEquals("SASL_SSL", security.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", security.get("sasl.mechanism"));
        assertTrue(security.get("sasl.jaas.config").toString().contains("username=\"jobs\""));
        assertEquals("/etc/steward/kafka-ca.p12", security.get("ssl.truststore.location"));
        assertEquals("PKCS12", security.get("ssl.truststore.type"));
        assertFalse(security.containsKey("bootstrap.servers"), "only how to connect securely, not where");
        assertFalse(security.containsKey("health.restricted"), "nothing Kafka's clients do not know");
    }

    /** How deployments set them: environment variables, as docs/kubernetes.md says for a TLS listener. */
    @Test
    void environmentVariablesReachTheClientsToo() {
        PropertySource env = PropertySource.of("env", Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "x required;",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/steward/kafka-ca.p12"), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder().propertySources(env).start()) {
            Map<String, Object> security = context.getBean(KafkaClientSecurity.class).properties();
            assertEquals("SASL_SSL", security.get("security.protocol"));
            assertEquals("/etc/steward/kafka-ca.p12", security.get("ssl.truststore.location"), security.toString());
        }
    }

    @Test
    void plaintextNeedsNothing() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), securityOf(Map.of("kafka.bootstrap.servers", "kafka:9092")));
    }

    @Test
    void saslWithoutCredentialsDoesNotStart() {
        BeanInstantiationException refused = assertThrows(BeanInstantiationException.class,
                () -> securityOf(Map.of("kafka.security.protocol", "SASL_PLAINTEXT")));
        assertTrue(refused.getMessage().contains("KAFKA_PASSWORD"), refused.getMessage());
    }
}
