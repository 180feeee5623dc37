package dev.steward.common.node;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.util.Base64;
import java.util.HexFormat;

/**
 * A node id is the hex of a raw 32-byte Ed25519 public key (as Garage's): the id is the key that
 * checks the node's signatures. Verified with Bouncy Castle's RFC 8032 code, which takes the raw
 * key as it is and costs ~80 µs where the JDK's provider costs ~500 µs: every heartbeat of every
 * node is verified (bench/node-signatures.sh).
 */
final class NodeKeys {

    private NodeKeys() {
    }

    /** True when {@code signatureBase64} is {@code nodeId}'s signature over {@code message}; false for anything malformed. */
    static boolean verifies(String nodeId, byte[] message, String signatureBase64) {
        if (nodeId == null || nodeId.length() != 2 * Ed25519.PUBLIC_KEY_SIZE || signatureBase64 == null) {
            return false;
        }
        try {
            byte[] key = HexFormat.of().parseHex(nodeId);
            byte[] signature = Base64.getDecoder().decode(signatureBase64);
            return signature.length == Ed25519.SIGNATURE_SIZE
                    && Ed25519.verify(signature, 0, key, 0, message, 0, message.length);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
