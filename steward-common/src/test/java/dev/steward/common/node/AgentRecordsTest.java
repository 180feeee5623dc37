package dev.steward.common.node;

import dev.steward.testing.TestNodeKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which records in a node's name count: only the node's own signature over exactly what was written, where it was written. */
class AgentRecordsTest {

    private static final String TOPIC = "steward.cluster.heartbeats.v1";
    private static final String VALUE = "{\"nodeId\":\"n\",\"sentAt\":\"2026-12-07T15:00:00Z\"}";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AgentRecords records = new AgentRecords(meters);
    private final TestNodeKey node = TestNodeKey.generate();
    private final TestNodeKey other = TestNodeKey.generate();

    /** The record a consumer reads for what was produced. */
    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
        return received(sent.topic(), sent.key(), sent.value(), sent);
    }

    private static ConsumerRecord<String, byte[]> received(String topic, String key, byte[] value, ProducerRecord<String, byte[]> headersOf) {
        return new ConsumerRecord<>(topic, 0, 7L, 0L, TimestampType.CREATE_TIME, 0, value.length, key, value,
                new RecordHeaders(headersOf.headers().toArray()), Optional.empty());
    }

    private double refused(AgentRecords.Refusal reason) {
        Counter counter = meters.find(AgentRecords.METRIC).tags("topic", TOPIC, "reason", reason.name().toLowerCase()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theNodesOwnRecordCounts() {
        assertTrue(records.signedBy(received(node.record(TOPIC, VALUE)), node.nodeId()));
        assertEquals(0, meters.getMeters().size(), "nothing refused");
    }

    @Test
    void aWatchedTopicShowsEachReasonAtZeroFromTheStart() {
        records.watch(TOPIC);
        for (AgentRecords.Refusal reason : AgentRecords.Refusal.values()) {
            Counter counter = meters.find(AgentRecords.METRIC).tags("topic", TOPIC, "reason", reason.name().toLowerCase()).counter();
            assertEquals(0, counter.count(), reason.name());
        }
        records.signedBy(received(other.record(TOPIC, VALUE)), node.nodeId());
        assertEquals(1, refused(AgentRecords.Refusal.OTHER_NODE), "the same series counts");
    }

    @Test
    void aRecordWithoutASignatureIsRefused() {
        ProducerRecord<String, byte[]> unsigned = new ProducerRecord<>(TOPIC, node.nodeId(), VALUE.getBytes(StandardCharsets.UTF_8));
        assertFalse(records.signedBy(received(unsigned), node.nodeId()));
        assertEquals(1, refused(AgentRecords.Refusal.UNSIGNED));
    }

    @Test
    void anotherNodesSignatureInThisNodesNameIsRefused() {
        assertFalse(records.signedBy(received(other.recordAs(node.nodeId(), TOPIC, VALUE)), node.nodeId()));
        assertEquals(1, refused(AgentRecords.Refusal.BAD_SIGNATURE));
    }

    @Test
    void aNodesOwnRecordThatSpeaksForAnotherIsRefused() {
        assertFalse(records.signedBy(received(other.record(TOPIC, VALUE)), node.nodeId()));
        assertEquals(1, refused(AgentRecords.Refusal.OTHER_NODE));
    }

    @Test
    void aRecordChangedOrMovedToAnotherTopicIsRefused() {
        ProducerRecord<String, byte[]> sent = node.record(TOPIC, VALUE);
        byte[] changed = VALUE.replace("15:00", "16:00").getBytes(StandardCharsets.UTF_8);
        assertFalse(records.signedBy(received(TOPIC, node.nodeId(), changed, sent), node.nodeId()));
        assertFalse(records.signedBy(received("steward.jobs.node-task-results.v1", node.nodeId(), sent.value(), sent), node.nodeId()));
        assertEquals(1, refused(AgentRecords.Refusal.BAD_SIGNATURE));
    }

    @Test
    void malformedIdsAndSignaturesAreRefusedNotThrown() {
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(TOPIC, node.nodeId(), VALUE.getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(NodeSignature.HEADER, "not base64!".getBytes(StandardCharsets.US_ASCII));
        assertFalse(records.signedBy(received(garbage), node.nodeId()));
        ProducerRecord<String, byte[]> notHex = node.recordAs("zz".repeat(32), TOPIC, VALUE);
        assertFalse(records.signedBy(received(notHex), "zz".repeat(32)));
        assertFalse(records.signedBy(received(node.record(TOPIC, VALUE)), null));
        assertFalse(NodeSignature.verifies(TOPIC, "ab", VALUE.getBytes(StandardCharsets.UTF_8), node.sign(TOPIC, "ab", VALUE.getBytes(StandardCharsets.UTF_8))));
        assertEquals(2, refused(AgentRecords.Refusal.BAD_SIGNATURE));
        assertEquals(1, refused(AgentRecords.Refusal.OTHER_NODE));
    }

    /** The connect proof is checked with the same key code: the agent's JDK signature verifies. */
    @Test
    void theConnectProofStillVerifies() throws Exception {
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        String nodeId = java.util.HexFormat.of().formatHex(java.util.Arrays.copyOfRange(encoded, 12, 44));
        String challenge = NodeProof.challenge();
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(NodeProof.message(challenge, nodeId));
        String proof = java.util.Base64.getEncoder().encodeToString(signer.sign());
        assertTrue(NodeProof.verifies(nodeId, challenge, proof));
        assertFalse(NodeProof.verifies(nodeId, NodeProof.challenge(), proof));
    }
}
