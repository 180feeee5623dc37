package dev.steward.common.node;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The connect handshake's proof: a node id is the hex of an Ed25519 public key (as Garage's), and
 * an agent proves it holds the key by signing {@code steward-node-proof-v1\n<challenge>\n<node id>}
 * for a fresh random challenge. The node-agent signs the same text (its tests check the two agree).
 */
public final class NodeProof {

    public static final String PREFIX = "steward-node-proof-v1\n";
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeProof() {
    }

    public static String challenge() {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        return HexFormat.of().formatHex(challenge);
    }

    public static byte[] message(String challenge, String nodeId) {
        return (PREFIX + challenge + "\n" + nodeId).getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code signatureBase64} is {@code nodeId}'s key's signature over the challenge's message. */
    public static boolean verifies(String nodeId, String challenge, String signatureBase64) {
        return NodeKeys.verifies(nodeId, message(challenge, nodeId), signatureBase64);
    }
}
