package dev.steward.agent.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.agent.NodeIdentity;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every interval, scans the node ({@link UsageScanner}) and reports on {@link #TOPIC}, keyed by node
 * id, in parts of at most {@link #PART_ENTRIES} entries and about {@link #PART_BYTES} bytes (far under
 * Kafka's 1 MB), all parts of one scan carrying its {@code measuredAt}; the last says {@code last},
 * and cluster-service then drops what this node reported before and no longer holds. Parts are sent
 * one after the other and a failed send ends the report: an incomplete one never says {@code last},
 * so nothing is dropped on its account.
 */
public final class UsageReports implements AutoCloseable {

    /** The services' {@code Topics.CLUSTER_NODE_USAGE} (UsageReportsTest keeps them equal). */
    public static final String TOPIC = "steward.cluster.node-usage.v1";
    static final int PART_ENTRIES = 1_000;
    static final int PART_BYTES = 256 * 1024;

    private final NodeIdentity identity;
    private final UsageScanner scanner;
    private final Duration interval;
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agent-usage");
        thread.setDaemon(true);
        return thread;
    });

    public UsageReports(NodeIdentity identity, UsageScanner scanner, Duration interval, KafkaProducer<String, byte[]> producer) {
        this.identity = identity;
        this.scanner = scanner;
        this.interval = interval;
        this.producer = producer;
    }

    public void start() {
        // fixed delay: a slow scan of a large tree never queues scans behind it
        timer.scheduleWithFixedDelay(this::report, 1_000, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The report of one scan, as the bodies of its parts (at least one, the last saying so). */
    List<Map<String, Object>> parts(UsageScanner.Scan scan, Instant measuredAt) {
        List<List<UsageScanner.Entry>> chunks = new ArrayList<>();
        List<UsageScanner.Entry> chunk = new ArrayList<>();
        int bytes = 0;
        for (UsageScanner.Entry entry : scan.entries()) {
            int size = 96 + entry.name().length() + entry.path().length() * 3;
            if (!chunk.isEmpty() && (chunk.size() == PART_ENTRIES || bytes + size > PART_BYTES)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(entry);
            bytes += size;
        }
        chunks.add(chunk);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("nodeId", identity.nodeId());
            part.put("measuredAt", measuredAt.toString());
            part.put("part", i);
            part.put("last", i == chunks.size() - 1);
            part.put("truncated", scan.truncated());
            part.put("entries", chunks.get(i));
            parts.add(part);
        }
        return parts;
    }

    private void report() {
        try {
            Instant measuredAt = Instant.now();
            for (Map<String, Object> part : parts(scanner.scan(), measuredAt)) {
                producer.send(identity.record(TOPIC, json.writeValueAsBytes(part))).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("node-agent: usage not reported: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
