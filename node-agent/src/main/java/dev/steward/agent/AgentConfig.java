package dev.steward.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The agent's configuration, from its environment (one place, read once at start):
 * <pre>
 * STEWARD_AGENT_DATA       data directory: the node key and the storage data (default ./agent-data)
 * STEWARD_AGENT_BIND       address the agent listens on (default 0.0.0.0)
 * STEWARD_AGENT_PORT       port for cluster-service's connect handshake (default 3901, Garage's RPC port)
 * KAFKA_BOOTSTRAP_SERVERS  where heartbeats go (default localhost:9092)
 * KAFKA_SECURITY_PROTOCOL  default SASL_PLAINTEXT; KAFKA_SASL_MECHANISM default SCRAM-SHA-512;
 * KAFKA_USERNAME           the agents' principal (default agent; deploy/kafka/acls.tsv), KAFKA_PASSWORD its password
 * KAFKA_SSL_TRUSTSTORE_LOCATION, _TYPE, _PASSWORD  the CA to trust with SASL_SSL
 * STEWARD_AGENT_HEARTBEAT  interval between heartbeats (default 5s; seconds, or a number with ms/s/m)
 * STEWARD_AGENT_ZONE, STEWARD_AGENT_CAPACITY, STEWARD_AGENT_TAGS (comma list)  reported with each beat
 * STEWARD_AGENT_STORAGE_COMMAND  the storage process to supervise, restarted by reboot tasks (sh -c, in the
 *                          data directory; default a stand-in that only sleeps)
 * </pre>
 */
public record AgentConfig(Path dataDir, String bind, int port, String kafkaBootstrapServers, Map<String, Object> kafkaSecurity,
                          Duration heartbeatInterval, String zone, long capacity, List<String> tags, String storageCommand) {

    public static AgentConfig fromEnvironment(Map<String, String> env) {
        return new AgentConfig(
                Path.of(env.getOrDefault("STEWARD_AGENT_DATA", "agent-data")).toAbsolutePath(),
                env.getOrDefault("STEWARD_AGENT_BIND", "0.0.0.0"),
                integer(env, "STEWARD_AGENT_PORT", 3901),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                kafkaSecurity(env),
                duration(env.getOrDefault("STEWARD_AGENT_HEARTBEAT", "5s")),
                env.getOrDefault("STEWARD_AGENT_ZONE", "dc1"),
                integer(env, "STEWARD_AGENT_CAPACITY", 1),
                Arrays.stream(env.getOrDefault("STEWARD_AGENT_TAGS", "").split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList(),
                env.getOrDefault("STEWARD_AGENT_STORAGE_COMMAND", StorageProcess.STAND_IN));
    }

    /** Client security properties: agents authenticate as their own principal, which may only beat, report and read tasks. */
    private static Map<String, Object> kafkaSecurity(Map<String, String> env) {
        String protocol = env.getOrDefault("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        if (!protocol.startsWith("SASL")) {
            return Map.of("security.protocol", protocol);
        }
        String password = env.get("KAFKA_PASSWORD");
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("KAFKA_PASSWORD must be set: the agent authenticates to Kafka as "
                    + env.getOrDefault("KAFKA_USERNAME", "agent") + " (" + protocol + ")");
        }
        String username = env.getOrDefault("KAFKA_USERNAME", "agent");
        if (username.contains("\"") || password.contains("\"")) {
            throw new IllegalArgumentException("KAFKA_USERNAME and KAFKA_PASSWORD must not contain double quotes");
        }
        Map<String, Object> security = new java.util.HashMap<>(Map.of("security.protocol", protocol,
                "sasl.mechanism", env.getOrDefault("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                        + "\" password=\"" + password + "\";"));
        // SASL_SSL: the CA to trust (for Strimzi, its cluster CA), as the services take it.
        for (String setting : List.of("ssl.truststore.location", "ssl.truststore.type", "ssl.truststore.password")) {
            String value = env.get("KAFKA_" + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
            if (value != null && !value.isBlank()) {
                security.put(setting, value);
            }
        }
        return Map.copyOf(security);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    static Duration duration(String value) {
        String text = value.strip();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STEWARD_AGENT_HEARTBEAT must be like 500ms, 5s or 1m, got '" + value + "'");
        }
    }
}
