package dev.steward.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Beats on {@link #TOPIC}, keyed by node id, every interval: the node's facts as measured now.
 * A beat that cannot be sent (Kafka down) is dropped, not queued: the next one says the same, newer.
 */
final class Heartbeats implements AutoCloseable {

    /** The services' {@code Topics.CLUSTER_HEARTBEATS} (HeartbeatsTopicTest keeps them equal). */
    static final String TOPIC = "steward.cluster.heartbeats.v1";

    private final AgentConfig config;
    private final NodeIdentity identity;
    private final String version;
    private final Release release;
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agent-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    /** The release the node runs ({@code current}), or null before its first update. */
    interface Release {
        String current() throws IOException;
    }

    Heartbeats(AgentConfig config, NodeIdentity identity, String version, Release release, KafkaProducer<String, byte[]> producer) {
        this.config = config;
        this.release = release;
        this.identity = identity;
        this.version = version;
        this.producer = producer;
    }

    void start() {
        timer.scheduleAtFixedRate(this::beat, 0, config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    Map<String, Object> beatBody(HostFacts facts, Instant now) throws IOException {
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("nodeId", identity.nodeId());
        beat.put("hostname", facts.hostname());
        beat.put("sentAt", now.toString());
        beat.put("agentVersion", version);
        beat.put("release", release.current());
        beat.put("zone", config.zone());
        beat.put("capacity", config.capacity());
        beat.put("tags", config.tags());
        beat.put("dataBytesTotal", facts.dataBytesTotal());
        beat.put("dataBytesFree", facts.dataBytesFree());
        beat.put("load1", facts.load1());
        beat.put("cpus", facts.cpus());
        return beat;
    }

    private void beat() {
        try {
            byte[] value = json.writeValueAsBytes(beatBody(HostFacts.measure(config.dataDir()), Instant.now()));
            producer.send(identity.record(TOPIC, value), (metadata, error) -> {
                if (error != null) {
                    System.err.println("node-agent: heartbeat not sent: " + error.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            System.err.println("node-agent: heartbeat not measured: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
