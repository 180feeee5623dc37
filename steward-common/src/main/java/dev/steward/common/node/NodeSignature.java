package dev.steward.common.node;

import java.nio.charset.StandardCharsets;

/**
 * How a node agent signs what it writes to Kafka (heartbeats, usage reports, task results): the
 * record's key is the node id, and its {@value #HEADER} header is the Base64 Ed25519 signature,
 * by that node's key, over {@code steward-node-record-v1\n<topic>\n<node id>\n} followed by the
 * record's value bytes. The topic is signed so that a record cannot be replayed on another topic;
 * the value is signed as sent, so nothing has to be canonicalised. The node-agent signs the same
 * bytes (its tests check the two agree).
 */
public final class NodeSignature {

    public static final String HEADER = "steward-node-signature";
    public static final String PREFIX = "steward-node-record-v1\n";

    private NodeSignature() {
    }

    public static byte[] message(String topic, String nodeId, byte[] value) {
        byte[] head = (PREFIX + topic + "\n" + nodeId + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + value.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(value, 0, message, head.length, value.length);
        return message;
    }

    /** True when {@code signatureBase64} is {@code nodeId}'s signature over {@code value} as written to {@code topic}. */
    public static boolean verifies(String topic, String nodeId, byte[] value, String signatureBase64) {
        return value != null && topic != null && NodeKeys.verifies(nodeId, message(topic, nodeId, value), signatureBase64);
    }
}
