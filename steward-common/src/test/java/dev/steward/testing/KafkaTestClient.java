package dev.steward.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Plain Kafka clients against the real test broker, for producing and reading records in tests.
 * They act as the broker's super user (the operator's view); a test of what a service or agent
 * may do uses {@link KafkaAccess#client} with that principal instead.
 */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    public static void send(String topic, String key, String value) {
        send(TestInfrastructure.get().kafka(), topic, key, value);
    }

    /** As {@link #send(String, String, String)}, to the broker of {@code kafka}. */
    public static void send(KafkaAccess kafka, String topic, String key, String value) {
        send(kafka, KafkaAccess.ADMIN, topic, key, value);
    }

    /** As {@link #send(KafkaAccess, String, String, String)}, as {@code principal}: what its ACLs allow. */
    public static void send(KafkaAccess kafka, String principal, String topic, String key, String value) {
        send(kafka, principal, new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends {@code record} (headers and all) as {@code principal}. */
    public static void send(KafkaAccess kafka, String principal, ProducerRecord<String, byte[]> record) {
        String topic = record.topic();
        Map<String, Object> config = new HashMap<>(kafka.client(principal));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(record).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test record to " + topic, e);
        }
    }

    /** A record's value and its timestamp (the producer's send time, epoch milliseconds). */
    public record Received(String value, long timestamp) {
    }

    /**
     * Reads the topic from the beginning until {@code done} holds for the matching values read so far,
     * or the timeout passes; returns the matching values.
     */
    public static List<String> readUntil(String topic, Predicate<String> matches, Predicate<List<String>> done, Duration timeout) {
        return readUntil(TestInfrastructure.get().kafka(), topic, matches, done, timeout);
    }

    /** As {@link #readUntil(String, Predicate, Predicate, Duration)}, from the broker of {@code kafka}. */
    public static List<String> readUntil(KafkaAccess kafka, String topic, Predicate<String> matches, Predicate<List<String>> done,
                                         Duration timeout) {
        List<String> values = new ArrayList<>();
        readRecordsUntil(kafka, topic, matches, found -> {
            values.clear();
            found.forEach(record -> values.add(record.value()));
            return done.test(values);
        }, timeout);
        return values;
    }

    /** As {@link #readUntil}, with each record's timestamp. */
    public static List<Received> readRecordsUntil(String topic, Predicate<String> matches, Predicate<List<Received>> done,
                                                  Duration timeout) {
        return readRecordsUntil(TestInfrastructure.get().kafka(), topic, matches, done, timeout);
    }

    private static List<Received> readRecordsUntil(KafkaAccess kafka, String topic, Predicate<String> matches,
                                                   Predicate<List<Received>> done, Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafka.client(KafkaAccess.ADMIN));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Received> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline) && !done.test(found)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (matches.test(value)) {
                        found.add(new Received(value, record.timestamp()));
                    }
                }
            }
        }
        return found;
    }
}
