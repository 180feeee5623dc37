package dev.steward.agent;

import dev.steward.common.node.NodeProof;
import dev.steward.common.node.NodeSignature;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdentityTest {

    @Test
    void theNodeIdIsKeptAcrossRestartsAndIsThePublicKey(@TempDir Path data) throws Exception {
        NodeIdentity first = NodeIdentity.loadOrCreate(data);
        NodeIdentity again = NodeIdentity.loadOrCreate(data);
        assertEquals(first.nodeId(), again.nodeId(), "a restarted agent is the same node");
        assertTrue(first.nodeId().matches("[0-9a-f]{64}"), first.nodeId());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(NodeIdentity.KEY_FILE))));
        assertNotEquals(first.nodeId(), NodeIdentity.loadOrCreate(data.resolve("other")).nodeId(), "another directory is another node");
    }

    /** The agent's proof is what cluster-service's NodeProof checks, and only for its own id and that challenge. */
    @Test
    void aProofVerifiesOnlyForItsNodeAndChallenge(@TempDir Path data) throws Exception {
        NodeIdentity identity = NodeIdentity.loadOrCreate(data);
        NodeIdentity other = NodeIdentity.loadOrCreate(data.resolve("other"));
        String challenge = NodeProof.challenge();
        String proof = identity.prove(challenge);
        assertTrue(NodeProof.verifies(identity.nodeId(), challenge, proof));
        assertFalse(NodeProof.verifies(identity.nodeId(), NodeProof.challenge(), proof), "a replayed proof for another challenge");
        assertFalse(NodeProof.verifies(other.nodeId(), challenge, proof), "another node's id");
        assertFalse(NodeProof.verifies(identity.nodeId(), challenge, other.prove(challenge)), "another node's key");
        assertFalse(NodeProof.verifies("not-hex", challenge, proof));
        assertEquals(NodeProof.PREFIX, NodeIdentity.PROOF_PREFIX);
    }

    /** A record the agent writes is what steward-common's NodeSignature accepts, and only as written, where and by whom. */
    @Test
    void aSignedRecordVerifiesOnlyForItsTopicNodeAndBytes(@TempDir Path data) throws Exception {
        NodeIdentity identity = NodeIdentity.loadOrCreate(data);
        NodeIdentity other = NodeIdentity.loadOrCreate(data.resolve("other"));
        byte[] value = "{\"nodeId\":\"x\",\"sentAt\":\"2026-12-07T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = identity.record("steward.cluster.heartbeats.v1", value);
        assertEquals(identity.nodeId(), record.key());
        String signature = new String(record.headers().lastHeader(NodeSignature.HEADER).value(), StandardCharsets.US_ASCII);
        assertTrue(NodeSignature.verifies("steward.cluster.heartbeats.v1", identity.nodeId(), value, signature));
        assertFalse(NodeSignature.verifies("steward.jobs.node-task-results.v1", identity.nodeId(), value, signature), "replayed on another topic");
        assertFalse(NodeSignature.verifies("steward.cluster.heartbeats.v1", other.nodeId(), value, signature), "in another node's name");
        byte[] changed = value.clone();
        changed[changed.length - 3] ^= 1;
        assertFalse(NodeSignature.verifies("steward.cluster.heartbeats.v1", identity.nodeId(), changed, signature), "changed on the way");
        assertFalse(NodeSignature.verifies("steward.cluster.heartbeats.v1", identity.nodeId(), value, "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(NodeSignature.HEADER, NodeIdentity.RECORD_HEADER);
        assertEquals(NodeSignature.PREFIX, NodeIdentity.RECORD_PREFIX);
    }

    @Test
    void aDamagedKeyFileStopsTheAgentRatherThanMakingANewNode(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve(NodeIdentity.KEY_FILE), "garbage\n");
        assertThrows(java.security.GeneralSecurityException.class, () -> NodeIdentity.loadOrCreate(data));
    }
}
