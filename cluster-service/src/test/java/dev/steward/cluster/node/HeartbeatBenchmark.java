package dev.steward.cluster.node;

import dev.steward.common.event.Topics;
import dev.steward.common.node.NodeSignature;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.ServiceTestProperties;
import dev.steward.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Heartbeat ingest into one cluster-service (in this JVM, on real PostgreSQL and Kafka): N nodes
 * are connected, R rounds of their signed beats are written to the heartbeat topic as fast as a
 * producer can, and the rate is beats over the time until the listener's group has committed them
 * all and every node's last_seen is its last round's. Run by bench/heartbeats.sh.
 */
public final class HeartbeatBenchmark {

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, Object> properties = new HashMap<>(ServiceTestProperties.forService("cluster"));
        properties.put("micronaut.server.port", "-1");
        try (ApplicationContext cluster = ApplicationContext.run(properties, "test")) {
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(cluster.getBean(DataSource.class));
            List<byte[]> secretKeys = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < nodes; i++) {
                byte[] secret = new byte[Ed25519.SECRET_KEY_SIZE];
                random.nextBytes(secret);
                byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
                Ed25519.generatePublicKey(secret, 0, publicKey, 0);
                secretKeys.add(secret);
                ids.add(HexFormat.of().formatHex(publicKey));
            }
            connect(dataSource, ids);

            Instant base = Instant.now().minusSeconds(rounds + 5);
            System.out.printf("heartbeat ingest: %,d nodes x %d rounds = %,d signed beats, one cluster-service, %d cores%n",
                    nodes, rounds, nodes * rounds, Runtime.getRuntime().availableProcessors());
            long signing = System.nanoTime();
            List<ProducerRecord<String, byte[]>> records = IntStream.range(0, rounds).boxed().flatMap(round -> IntStream.range(0, nodes)
                    .parallel().mapToObj(node -> beat(ids.get(node), secretKeys.get(node), base.plusSeconds(round))).toList().stream()).toList();
            System.out.printf("  signed in %.1f s (not measured)%n", (System.nanoTime() - signing) / 1e9);

            KafkaAccess kafka = TestInfrastructure.get().kafka();
            Map<String, Object> producerConfig = new HashMap<>(kafka.client("agent"));
            producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
                records.forEach(producer::send);
                producer.flush();
            }
            double produced = (System.nanoTime() - start) / 1e9;
            awaitSeen(dataSource, base.plusSeconds(rounds - 1), nodes, Duration.ofMinutes(5));
            double ingested = (System.nanoTime() - start) / 1e9;
            System.out.printf("  produced in %.2f s; every node at its last beat after %.2f s%n", produced, ingested);
            System.out.printf("  ingest rate  %,10.0f beats/s   (target 20,000)%n", nodes * (double) rounds / ingested);
        }
    }

    private static ProducerRecord<String, byte[]> beat(String nodeId, byte[] secret, Instant sentAt) {
        byte[] value = ("{\"nodeId\":\"" + nodeId + "\",\"hostname\":\"storage-" + nodeId.substring(0, 6) + "\",\"sentAt\":\"" + sentAt
                + "\",\"agentVersion\":\"0.1.0\",\"release\":\"9.1.0\",\"dataBytesTotal\":1000000000000,\"dataBytesFree\":400000000000,"
                + "\"load1\":0.42,\"cpus\":16}").getBytes(StandardCharsets.UTF_8);
        byte[] message = NodeSignature.message(Topics.CLUSTER_HEARTBEATS, nodeId, value);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secret, 0, message, 0, message.length, signature, 0);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CLUSTER_HEARTBEATS, nodeId, value);
        record.headers().add(NodeSignature.HEADER, Base64.getEncoder().encode(signature));
        return record;
    }

    private static void connect(DataSource dataSource, List<String> ids) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO node (node_id, address, connected_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < ids.size(); i++) {
                insert.setString(1, ids.get(i));
                insert.setString(2, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":3901");
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Beats of a node share its partition, in order: once every node shows its last round, every beat before was read. */
    private static void awaitSeen(DataSource dataSource, Instant last, int nodes, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seenAtLeast(dataSource, last) < nodes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the heartbeats were not all applied within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static long seenAtLeast(DataSource dataSource, Instant at) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM node WHERE last_seen_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(at));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
