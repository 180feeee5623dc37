package dev.steward.common.node;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The connect handshake's proof: a node id is the hex of an Ed25519 public key (as Garage's), and
 * an agent proves it holds the key by signing {@code steward-node-proof-v1\n<challenge>\n<node id>}
 * for a fresh random challenge. The node-agent signs the same text (its tests check the two agree).
 */
public final class NodeProof {

    public static final String PREFIX = "steward-node-proof-v1\n";
    /** DER of an Ed25519 SubjectPublicKeyInfo before its 32 key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
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
        try {
            byte[] raw = HexFormat.of().parseHex(nodeId);
            if (raw.length != 32) {
                return false;
            }
            byte[] encoded = new byte[X509_PREFIX.length + raw.length];
            System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
            System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message(challenge, nodeId));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
