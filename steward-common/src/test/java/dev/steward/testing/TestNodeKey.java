package dev.steward.testing;

import dev.steward.common.node.NodeSignature;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A storage node's key, for tests that play node agents: the node id is its public key, and what
 * it writes to Kafka is signed as a real agent signs it (node-agent's NodeIdentity), so a test
 * can send a node's genuine records, and forge some (another node's key, no signature).
 */
public final class TestNodeKey {

    private final KeyPair pair;
    private final String nodeId;

    private TestNodeKey(KeyPair pair) {
        this.pair = pair;
        byte[] encoded = pair.getPublic().getEncoded();
        this.nodeId = HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    public static TestNodeKey generate() {
        try {
            return new TestNodeKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** Base64 of this key's signature of {@code value} on {@code topic} in the name of {@code named}. */
    public String sign(String topic, String named, byte[] value) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(NodeSignature.message(topic, named, value));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This node's own signed record, as its agent writes it. */
    public ProducerRecord<String, byte[]> record(String topic, String value) {
        return recordAs(nodeId, topic, value);
    }

    /** A record keyed and signed in the name of {@code named} with this key: a forgery unless {@code named} is this node. */
    public ProducerRecord<String, byte[]> recordAs(String named, String topic, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, named, bytes);
        record.headers().add(NodeSignature.HEADER, sign(topic, named, bytes).getBytes(StandardCharsets.US_ASCII));
        return record;
    }

    /** Sends this node's signed record as the agents' Kafka principal. */
    public void send(KafkaAccess kafka, String topic, String value) {
        KafkaTestClient.send(kafka, "agent", record(topic, value));
    }

    public void send(String topic, String value) {
        send(TestInfrastructure.get().kafka(), topic, value);
    }
}
