package dev.steward.agent;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The node's identity, as Garage's: an Ed25519 key pair made on first start and kept in the data
 * directory ({@code node_key}, owner-only); the node id is the hex of the raw 32-byte public key,
 * so whoever proves the id holds the key.
 */
public final class NodeIdentity {

    static final String KEY_FILE = "node_key";
    /** What a proof signs (the same text cluster-service's NodeProof checks): domain, challenge and id. */
    static final String PROOF_PREFIX = "steward-node-proof-v1\n";
    /** The header and text of a record's signature (steward-common's NodeSignature checks the same). */
    static final String RECORD_HEADER = "steward-node-signature";
    static final String RECORD_PREFIX = "steward-node-record-v1\n";
    private static final int X509_PREFIX = 12; // an Ed25519 SubjectPublicKeyInfo is 12 bytes of DER, then the key

    private final PrivateKey privateKey;
    private final String nodeId;

    private NodeIdentity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        byte[] encoded = publicKey.getEncoded();
        this.nodeId = HexFormat.of().formatHex(Arrays.copyOfRange(encoded, X509_PREFIX, encoded.length));
    }

    /** The key kept in {@code dataDir}, made there on first start. */
    public static NodeIdentity loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dataDir);
        Path keyFile = dataDir.resolve(KEY_FILE);
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        if (Files.exists(keyFile)) {
            String[] lines = Files.readString(keyFile, StandardCharsets.US_ASCII).strip().split("\n");
            if (lines.length != 2) {
                throw new GeneralSecurityException(keyFile + " is damaged: expected a private and a public key line");
            }
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0])));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1])));
            return new NodeIdentity(privateKey, publicKey);
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path partial = dataDir.resolve(KEY_FILE + ".new");
        Files.writeString(partial, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the directory's own protection has to do
        }
        Files.move(partial, keyFile, StandardCopyOption.ATOMIC_MOVE);
        return new NodeIdentity(pair.getPrivate(), pair.getPublic());
    }

    public String nodeId() {
        return nodeId;
    }

    /** The message a proof for {@code challenge} signs. */
    static byte[] proofMessage(String challenge, String nodeId) {
        return (PROOF_PREFIX + challenge + "\n" + nodeId).getBytes(StandardCharsets.UTF_8);
    }

    /** Base64 of the Ed25519 signature over {@link #proofMessage}. */
    public String prove(String challenge) {
        return sign(proofMessage(challenge, nodeId));
    }

    /** What a record's signature covers: domain, topic and node id, then the value's bytes as sent. */
    static byte[] recordMessage(String topic, String nodeId, byte[] value) {
        byte[] head = (RECORD_PREFIX + topic + "\n" + nodeId + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(head, head.length + value.length);
        System.arraycopy(value, 0, message, head.length, value.length);
        return message;
    }

    /**
     * A record for {@code topic} in this node's name: keyed by the node id and signed, so that
     * Steward can tell it from one another node (they share a Kafka principal) wrote in its name.
     */
    public ProducerRecord<String, byte[]> record(String topic, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, nodeId, value);
        record.headers().add(RECORD_HEADER, sign(recordMessage(topic, nodeId, value)).getBytes(StandardCharsets.US_ASCII));
        return record;
    }

    private String sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
