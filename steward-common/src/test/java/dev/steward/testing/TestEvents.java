package dev.steward.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

/** CloudEvents as another Steward service would publish them, for consumer tests. */
public final class TestEvents {

    private static final AtomicLong OFFSETS = new AtomicLong();

    private TestEvents() {
    }

    /** A record as a listener receives it, for calling its {@code @Topic} method directly. */
    public static ConsumerRecord<String, byte[]> record(String topic, String value) {
        return new ConsumerRecord<>(topic, 0, OFFSETS.incrementAndGet(), null, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String nodeConnected(String eventId, String nodeId, String address, OffsetDateTime time) {
        return """
                {"specversion":"1.0","id":"%s","source":"/steward/cluster-service","type":"dev.steward.cluster.NodeConnected.v1",
                 "subject":"node/%s","time":"%s","datacontenttype":"application/json","actor":"token:ops","clientip":"203.0.113.9",
                 "data":{"nodeId":"%s","address":"%s"}}""".formatted(eventId, nodeId, time, nodeId, address);
    }

    /** Any event, for consumers of another service's topic: {@code data} is raw JSON. */
    public static String event(String eventId, String service, String fact, String subject, String dataJson) {
        return """
                {"specversion":"1.0","id":"%s","source":"/steward/%s-service","type":"dev.steward.%s.%s.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json","actor":"token:ops","clientip":"203.0.113.9",
                 "data":%s}""".formatted(eventId, service, service, fact, subject, OffsetDateTime.now(), dataJson);
    }
}
