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
 *                          data directory; default a stand-in that only sleeps); after an update, current/ is the release
 * STEWARD_AGENT_GATEWAY    Steward's gateway, where update packages are downloaded (e.g. https://steward:8080)
 * STEWARD_AGENT_TOKEN      the bearer token the agent downloads with (role auditor, scope nodes:read is enough)
 * STEWARD_UPDATE_KEY       base64 of the 32-byte key update packages are sealed with (jobs-service's too)
 * STEWARD_AGENT_CHECK_TIMEOUT  how long a package's check.sh may run (default 5m)
 * STEWARD_AGENT_PACKAGE_LIMIT  the most a package may download or unpack to, in bytes (default 2 GiB)
 * STEWARD_AGENT_USAGE      interval between usage reports of buckets/ and volumes/ (default 60s)
 * STEWARD_AGENT_USAGE_MAX_FILES  files one usage scan reads at most (default 1000000; past that it is truncated)
 * </pre>
 */
public record AgentConfig(Path dataDir, String bind, int port, String kafkaBootstrapServers, Map<String, Object> kafkaSecurity,
                          Duration heartbeatInterval, String zone, long capacity, List<String> tags, String storageCommand,
                          java.net.URI gateway, String token, byte[] updateKey, Duration checkTimeout, long packageLimit,
                          Duration usageInterval, long usageMaxFiles) {

    public static AgentConfig fromEnvironment(Map<String, String> env) {
        return new AgentConfig(
                Path.of(env.getOrDefault("STEWARD_AGENT_DATA", "agent-data")).toAbsolutePath(),
                env.getOrDefault("STEWARD_AGENT_BIND", "0.0.0.0"),
                integer(env, "STEWARD_AGENT_PORT", 3901),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                kafkaSecurity(env),
                duration("STEWARD_AGENT_HEARTBEAT", env.getOrDefault("STEWARD_AGENT_HEARTBEAT", "5s")),
                env.getOrDefault("STEWARD_AGENT_ZONE", "dc1"),
                integer(env, "STEWARD_AGENT_CAPACITY", 1),
                Arrays.stream(env.getOrDefault("STEWARD_AGENT_TAGS", "").split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList(),
                env.getOrDefault("STEWARD_AGENT_STORAGE_COMMAND", StorageProcess.STAND_IN),
                gateway(env.get("STEWARD_AGENT_GATEWAY")),
                blankToNull(env.get("STEWARD_AGENT_TOKEN")),
                updateKey(env.get("STEWARD_UPDATE_KEY")),
                duration("STEWARD_AGENT_CHECK_TIMEOUT", env.getOrDefault("STEWARD_AGENT_CHECK_TIMEOUT", "5m")),
                longValue(env, "STEWARD_AGENT_PACKAGE_LIMIT", 2L * 1024 * 1024 * 1024),
                positive("STEWARD_AGENT_USAGE", duration("STEWARD_AGENT_USAGE", env.getOrDefault("STEWARD_AGENT_USAGE", "60s"))),
                longValue(env, "STEWARD_AGENT_USAGE_MAX_FILES", 1_000_000));
    }

    private static Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than 0");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static java.net.URI gateway(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(value.strip().replaceAll("/+$", "") + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new java.net.URISyntaxException(value, "not an http(s) URL with a host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("STEWARD_AGENT_GATEWAY must be an http(s) URL, got '" + value + "'");
        }
    }

    private static byte[] updateKey(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        byte[] key;
        try {
            key = java.util.Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("STEWARD_UPDATE_KEY must be base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("STEWARD_UPDATE_KEY must be 32 bytes (base64 of openssl rand 32), got " + key.length);
        }
        return key;
    }

    private static long longValue(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
        }
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

    static Duration duration(String name, String value) {
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
            throw new IllegalArgumentException(name + " must be like 500ms, 5s or 1m, got '" + value + "'");
        }
    }
}
