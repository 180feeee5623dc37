package dev.steward.cluster.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cluster.AbstractClusterTest;
import dev.steward.cluster.bucket.BucketViews;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.node.AgentRecords;
import dev.steward.testing.Eventually;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestInfrastructure;
import dev.steward.testing.TestNodeKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Node agents share one Kafka principal, so the ACLs let any of them write in another node's name.
 * A beat or usage report counts only when the node it names signed it with its key (the node id):
 * each forgery below is sent before the genuine record and claims to be newer, so had it been
 * applied, the genuine one (older) would not show.
 */
class AgentRecordsIntegrationTest extends AbstractClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    NodeRegistry registry;

    @Inject
    MeterRegistry meters;

    private TestNodeKey connected() {
        TestNodeKey key = TestNodeKey.generate();
        registry.register(List.of(new NodeAddress(key.nodeId(), "10.9.1.1:3901")), Instant.now(), Actor.system("test"));
        return key;
    }

    private static void sendAsAgent(ProducerRecord<String, byte[]> record) {
        KafkaTestClient.send(TestInfrastructure.get().kafka(), "agent", record);
    }

    /** The three ways to write in {@code victim}'s name without its key, each a forged record of {@code value}. */
    private static void forge(String topic, TestNodeKey victim, TestNodeKey attacker, String value) {
        sendAsAgent(new ProducerRecord<>(topic, victim.nodeId(), value.getBytes(java.nio.charset.StandardCharsets.UTF_8))); // unsigned
        sendAsAgent(attacker.recordAs(victim.nodeId(), topic, value)); // signed with another key
        sendAsAgent(attacker.record(topic, value)); // the attacker's own record, naming the victim inside
    }

    private double refused(String topic, AgentRecords.Refusal reason) {
        Counter counter = meters.find(AgentRecords.METRIC).tags("topic", topic, "reason", reason.name().toLowerCase(java.util.Locale.ROOT)).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitEachRefusal(String topic) {
        Eventually.await(WAIT, () -> List.of(AgentRecords.Refusal.values()).stream().map(reason -> refused(topic, reason)).toList(),
                counts -> counts.stream().allMatch(count -> count >= 1), "a refusal of each kind on " + topic);
    }

    private String beat(TestNodeKey named, Instant sentAt, String release) throws Exception {
        return json.writeValueAsString(Map.of("nodeId", named.nodeId(), "sentAt", sentAt.toString(), "agentVersion", "0.1.0",
                "release", release, "dataBytesTotal", 10, "dataBytesFree", 5));
    }

    private Map<?, ?> awaitRelease(TestNodeKey node, String release) {
        return Eventually.await(WAIT, () -> http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/steward/v1/nodes")), Argument.listOf(Map.class))
                        .stream().filter(entry -> node.nodeId().equals(entry.get("nodeId"))).findFirst().orElseThrow(),
                entry -> release.equals(entry.get("release")), "node " + node.nodeId() + " with release " + release);
    }

    @Test
    void aHeartbeatCountsOnlyWhenItsNodeSignedIt() throws Exception {
        TestNodeKey victim = connected();
        TestNodeKey attacker = connected();
        Instant now = Instant.now();
        forge(Topics.CLUSTER_HEARTBEATS, victim, attacker, beat(victim, now, "forged"));

        victim.send(Topics.CLUSTER_HEARTBEATS, beat(victim, now.minusSeconds(30), "genuine"));
        attacker.send(Topics.CLUSTER_HEARTBEATS, beat(attacker, now.minusSeconds(30), "attackers-own")); // after the forgery it keys
        awaitRelease(attacker, "attackers-own");
        assertEquals("genuine", awaitRelease(victim, "genuine").get("release"));
        awaitEachRefusal(Topics.CLUSTER_HEARTBEATS);
    }

    @Test
    void aUsageReportCountsOnlyWhenItsNodeSignedIt() throws Exception {
        TestNodeKey victim = connected();
        TestNodeKey attacker = connected();
        String bucket = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/bucket", Map.of())), BucketViews.BucketInfo.class).id();
        String marker = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/bucket", Map.of())), BucketViews.BucketInfo.class).id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        forge(Topics.CLUSTER_NODE_USAGE, victim, attacker, scan(victim, now, bucket, 99));

        victim.send(Topics.CLUSTER_NODE_USAGE, scan(victim, now.minusSeconds(30), bucket, 3));
        attacker.send(Topics.CLUSTER_NODE_USAGE, scan(attacker, now.minusSeconds(30), marker, 2)); // after the forgery it keys
        Eventually.await(WAIT, () -> info(marker).objects(), objects -> objects == 2, "the attacker's own report");
        assertEquals(3L, Eventually.await(WAIT, () -> info(bucket).objects(), objects -> objects != 0, "the victim's report"),
                "only the victim's own report counts");
        awaitEachRefusal(Topics.CLUSTER_NODE_USAGE);
    }

    private String scan(TestNodeKey named, Instant measuredAt, String bucket, long objects) throws Exception {
        return json.writeValueAsString(Map.of("nodeId", named.nodeId(), "measuredAt", measuredAt.toString(), "part", 0, "last", true,
                "truncated", false, "entries", List.of(Map.of("kind", "bucket", "name", bucket, "path", "/", "files", objects, "dirs", 0,
                        "bytes", objects))));
    }

    private BucketViews.BucketInfo info(String id) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/v0/bucket?id=" + id)), BucketViews.BucketInfo.class);
    }
}
