package dev.steward.agent;

import dev.steward.common.event.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeartbeatsTest {

    @Test
    void theAgentBeatsOnTheTopicTheServicesRead() {
        assertEquals(Topics.CLUSTER_HEARTBEATS, Heartbeats.TOPIC);
    }

    @Test
    void aBeatCarriesWhatWasMeasuredOnTheHost(@TempDir Path data) throws Exception {
        AgentConfig config = AgentConfig.fromEnvironment(Map.of("STEWARD_AGENT_DATA", data.toString(), "STEWARD_AGENT_ZONE", "dc2",
                "STEWARD_AGENT_CAPACITY", "7", "STEWARD_AGENT_TAGS", "ssd, rack-3", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "KAFKA_PASSWORD", "unused"));
        NodeIdentity identity = NodeIdentity.loadOrCreate(data);
        HostFacts facts = HostFacts.measure(data);
        assertTrue(facts.dataBytesTotal() > 0 && facts.dataBytesFree() <= facts.dataBytesTotal(), facts.toString());
        try (var producer = AgentProducer.create(config); Heartbeats beats = new Heartbeats(config, identity, "test", () -> "9.1.0", producer)) {
            Map<String, Object> beat = beats.beatBody(facts, Instant.parse("2026-12-06T10:00:00Z"));
            assertEquals(identity.nodeId(), beat.get("nodeId"));
            assertEquals("2026-12-06T10:00:00Z", beat.get("sentAt"));
            assertEquals("dc2", beat.get("zone"));
            assertEquals(7L, beat.get("capacity"));
            assertEquals(List.of("ssd", "rack-3"), beat.get("tags"));
            assertEquals(facts.dataBytesFree(), beat.get("dataBytesFree"));
            assertEquals("9.1.0", beat.get("release"), "the release current/ points to");
        }
    }

    @Test
    void badConfigurationIsRefusedNamingTheVariable() {
        IllegalArgumentException port = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AgentConfig.fromEnvironment(Map.of("STEWARD_AGENT_PORT", "eighty")));
        assertTrue(port.getMessage().contains("STEWARD_AGENT_PORT"), port.getMessage());
        assertEquals(java.time.Duration.ofMillis(500), AgentConfig.duration("STEWARD_AGENT_HEARTBEAT", "500ms"));
        for (Map.Entry<String, String> bad : Map.of("STEWARD_UPDATE_KEY", "c2hvcnQ=", "STEWARD_AGENT_GATEWAY", "ftp://x",
                "STEWARD_AGENT_CHECK_TIMEOUT", "soon", "STEWARD_AGENT_PACKAGE_LIMIT", "-1").entrySet()) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> AgentConfig.fromEnvironment(Map.of(bad.getKey(), bad.getValue(), "KAFKA_PASSWORD", "p")));
            assertTrue(refused.getMessage().contains(bad.getKey()), refused.getMessage());
        }
        AgentConfig tls = AgentConfig.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_PASSWORD", "p",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/steward/kafka-ca.p12", "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12"));
        assertEquals("/etc/steward/kafka-ca.p12", tls.kafkaSecurity().get("ssl.truststore.location"));
        assertEquals("PKCS12", tls.kafkaSecurity().get("ssl.truststore.type"));
        IllegalArgumentException password = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AgentConfig.fromEnvironment(Map.of()));
        assertTrue(password.getMessage().contains("KAFKA_PASSWORD"), "an agent never talks to Kafka anonymously: " + password.getMessage());
    }
}
