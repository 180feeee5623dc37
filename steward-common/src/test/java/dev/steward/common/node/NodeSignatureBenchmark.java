package dev.steward.common.node;

import dev.steward.testing.TestNodeKey;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What checking a node's record costs, side by side: the JDK's Ed25519 provider (what the connect
 * proof used) against Bouncy Castle's RFC 8032 code ({@link NodeKeys}), on a heartbeat-sized value.
 * Run by bench/node-signatures.sh; one thread, so the rate is per core.
 */
public final class NodeSignatureBenchmark {

    private static final String TOPIC = "steward.cluster.heartbeats.v1";

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TestNodeKey node = TestNodeKey.generate();
        byte[] value = ("{\"nodeId\":\"" + node.nodeId() + "\",\"hostname\":\"storage-17.dc1\",\"sentAt\":\"2026-12-07T15:00:00Z\","
                + "\"agentVersion\":\"0.1.0\",\"release\":\"9.1.0\",\"zone\":\"dc1\",\"capacity\":1000000000000,\"tags\":[\"ssd\"],"
                + "\"dataBytesTotal\":1000000000000,\"dataBytesFree\":400000000000,\"load1\":0.42,\"cpus\":16}").getBytes(StandardCharsets.UTF_8);
        String signature = node.sign(TOPIC, node.nodeId(), value);
        byte[] message = NodeSignature.message(TOPIC, node.nodeId(), value);
        byte[] rawSignature = Base64.getDecoder().decode(signature);

        System.out.printf("node signature benchmark: %d verifications of a %d-byte heartbeat per round, median of %d rounds, one thread%n",
                count, value.length, rounds);
        report("JDK Ed25519 (SunEC)", rounds, count, () -> {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(jdkKey(node.nodeId()));
            verifier.update(message);
            return verifier.verify(rawSignature);
        });
        report("Bouncy Castle RFC 8032", rounds, count, () -> NodeSignature.verifies(TOPIC, node.nodeId(), value, signature));
        report("JDK Ed25519 signing (agent)", rounds, count / 4, () -> node.sign(TOPIC, node.nodeId(), value) != null);
    }

    private interface Check {
        boolean run() throws Exception;
    }

    private static void report(String name, int rounds, int count, Check check) throws Exception {
        for (int i = 0; i < count / 4; i++) { // warm-up
            check.run();
        }
        double[] micros = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (!check.run()) {
                    throw new IllegalStateException(name + " refused a good signature");
                }
            }
            micros[round] = (System.nanoTime() - start) / 1e3 / count;
        }
        Arrays.sort(micros);
        double median = micros[rounds / 2];
        System.out.printf("  %-30s %7.1f µs each   (min %.1f, max %.1f)   %,8.0f per second per core%n", name, median, micros[0],
                micros[rounds - 1], 1e6 / median);
    }

    private static PublicKey jdkKey(String nodeId) throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] raw = HexFormat.of().parseHex(nodeId);
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
