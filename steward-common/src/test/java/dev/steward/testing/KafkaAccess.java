package dev.steward.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach one broker as one of its principals (deploy/kafka/acls.tsv). The brokers that
 * scripts/infra.sh starts take SASL/SCRAM only, with a password per principal; a broker without
 * {@code protocol} SASL (Testcontainers) takes anyone.
 */
public record KafkaAccess(String bootstrapServers, String protocol, String mechanism, Map<String, String> passwords) {

    /** The super user: topics, reading anything, and writing as anyone would. */
    public static final String ADMIN = "admin";

    /** The shared test broker, as exported by scripts/infra.sh ({@code STEWARD_KAFKA_<PRINCIPAL>_PASSWORD}). */
    static KafkaAccess fromEnvironment(String bootstrapServers) {
        return fromVariables(bootstrapServers, System.getenv());
    }

    /** What scripts/infra.sh exports: the protocol, the mechanism and {@code STEWARD_KAFKA_<PRINCIPAL>_PASSWORD}. */
    private static KafkaAccess fromVariables(String bootstrapServers, Map<String, String> variables) {
        Map<String, String> passwords = new HashMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith("STEWARD_KAFKA_") && name.endsWith("_PASSWORD")) {
                passwords.put(name.substring("STEWARD_KAFKA_".length(), name.length() - "_PASSWORD".length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return new KafkaAccess(bootstrapServers, variables.getOrDefault("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
                variables.getOrDefault("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"), Map.copyOf(passwords));
    }

    /** A broker of a test's own: the credentials scripts/infra.sh wrote in its directory. */
    public static KafkaAccess fromDirectory(String bootstrapServers, Path directory) {
        Map<String, String> exports = new HashMap<>();
        try {
            for (String line : Files.readAllLines(directory.resolve("credentials.env"))) {
                if (line.startsWith("export ") && line.contains("=")) {
                    exports.put(line.substring("export ".length(), line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no Kafka credentials in " + directory + "; was the broker started by scripts/infra.sh?", e);
        }
        return fromVariables(bootstrapServers, exports);
    }

    public boolean authenticated() {
        return protocol.startsWith("SASL");
    }

    public String password(String principal) {
        String password = passwords.get(principal);
        if (authenticated() && password == null) {
            throw new IllegalStateException("no Kafka password for principal '" + principal + "' (STEWARD_KAFKA_"
                    + principal.toUpperCase(Locale.ROOT) + "_PASSWORD); source .steward/infra.env after scripts/infra.sh start");
        }
        return password;
    }

    /** Client properties (bootstrap and security) for a Kafka client acting as {@code principal}. */
    public Map<String, Object> client(String principal) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", protocol);
        if (authenticated()) {
            config.put("sasl.mechanism", mechanism);
            config.put("sasl.jaas.config", jaas(principal, password(principal)));
        }
        return config;
    }

    /** As {@link #client}, with a password of the test's choosing (an attacker's guess). */
    public Map<String, Object> clientWithPassword(String principal, String password) {
        Map<String, Object> config = new HashMap<>(client(ADMIN));
        config.put("sasl.jaas.config", jaas(principal, password));
        return config;
    }

    /** Micronaut properties for a service under test acting as {@code principal}. */
    public Map<String, String> serviceProperties(String principal) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("kafka.security.protocol", protocol);
        properties.put("kafka.sasl.mechanism", mechanism);
        properties.put("kafka.sasl.jaas.config", authenticated() ? jaas(principal, password(principal)) : "");
        return properties;
    }

    /** Environment for a service or agent process acting as {@code principal}, as deployments set it. */
    public Map<String, String> processEnvironment(String principal) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("KAFKA_SECURITY_PROTOCOL", protocol);
        environment.put("KAFKA_SASL_MECHANISM", mechanism);
        environment.put("KAFKA_USERNAME", principal);
        environment.put("KAFKA_PASSWORD", authenticated() ? password(principal) : "");
        return environment;
    }

    private static String jaas(String principal, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal + "\" password=\"" + password + "\";";
    }
}
