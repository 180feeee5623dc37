package dev.steward.cluster.events;

import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.testing.KafkaAccess;
import dev.steward.testing.ServiceTestProperties;
import dev.steward.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From the commit of a state change to its event readable on Kafka, side by side in one run: the
 * relay polling alone ({@code steward.outbox.relay.listen=false}, every 100 ms) against the relay
 * woken by the commit's NOTIFY. Changes are committed outside any request (as a Kafka consumer's
 * effect or a scheduled job commits), at random 5-30 ms gaps. Run by bench/event-latency.sh.
 */
public final class EventLatencyBenchmark {

    private static final Pattern MARKER = Pattern.compile("\"marker\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.out.printf("event latency: commit to readable on Kafka, %d events committed outside a request at 5-30 ms gaps, one cluster-service%n", events);
        for (boolean listen : new boolean[] {false, true}) {
            Map<String, Object> properties = new HashMap<>(ServiceTestProperties.forService("cluster"));
            properties.put("micronaut.server.port", "-1");
            properties.put("steward.outbox.relay.listen", String.valueOf(listen));
            try (ApplicationContext cluster = ApplicationContext.run(properties, "test")) {
                double[] millis = measure(cluster, events);
                Arrays.sort(millis);
                System.out.printf("  %-36s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n",
                        listen ? "woken by the commit (LISTEN/NOTIFY)" : "polling every 100 ms", percentile(millis, 50),
                        percentile(millis, 99), millis[millis.length - 1]);
            }
        }
        System.out.println("  targets: p50 <= 20 ms, p99 <= 100 ms");
    }

    @SuppressWarnings("unchecked")
    private static double[] measure(ApplicationContext cluster, int events) throws Exception {
        Outbox outbox = cluster.getBean(Outbox.class);
        TransactionOperations<Connection> transactions = cluster.getBean(TransactionOperations.class);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        KafkaAccess kafka = TestInfrastructure.get().kafka();
        Map<String, Object> config = new HashMap<>(kafka.client(KafkaAccess.ADMIN));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        Thread reader;
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        var ready = new java.util.concurrent.CountDownLatch(1);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = List.of();
            for (int attempt = 0; partitions.isEmpty() && attempt < 100; attempt++) { // the service creates its topics as it starts
                partitions = consumer.partitionsFor(Topics.CLUSTER_EVENTS).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                ready.countDown();
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        Matcher marker = MARKER.matcher(new String(record.value(), StandardCharsets.UTF_8));
                        if (marker.find()) {
                            received.putIfAbsent(marker.group(1), now);
                        }
                    }
                }
            });
            reader.start();
            ready.await();
            for (int i = 0; i < 20; i++) { // warm-up, not measured: the relay's producer, the consumer's first fetches
                String warmUp = UUID.randomUUID().toString();
                transactions.executeWrite(status -> outbox.append(Topics.CLUSTER_EVENTS, EventTypes.type("cluster", "LatencyProbed"),
                        warmUp, "probe/" + warmUp, Map.of("marker", warmUp), Actor.system("bench")));
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            List<String> markers = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String marker = UUID.randomUUID().toString();
                transactions.executeWrite(status -> outbox.append(Topics.CLUSTER_EVENTS, EventTypes.type("cluster", "LatencyProbed"),
                        marker, "probe/" + marker, Map.of("marker", marker), Actor.system("bench")));
                committed.put(marker, System.nanoTime());
                markers.add(marker);
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 31));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!received.keySet().containsAll(markers) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            running.set(false);
            reader.join();
            long arrived = markers.stream().filter(received::containsKey).count();
            if (arrived < events) {
                throw new IllegalStateException("only " + arrived + " of " + events + " events arrived");
            }
            return markers.stream().mapToDouble(marker -> (received.get(marker) - committed.get(marker)) / 1e6).toArray();
        }
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
