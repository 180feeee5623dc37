package dev.steward.cluster.layout;

import dev.steward.cluster.layout.PartitionPlanner.Plan;
import dev.steward.cluster.layout.PartitionPlanner.StorageNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times layout computation for a large cluster (run by bench/layout.sh, not by the test suite).
 * Arguments: nodes zones rounds.
 */
public final class LayoutBenchmark {

    public static void main(String[] args) {
        int nodeCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int zones = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Random random = new Random(42);
        List<StorageNode> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new StorageNode(String.format("node-%05d", i), "zone-" + (i % zones), 1 + random.nextInt(16)));
        }
        // Warm the JIT on the same work first.
        for (int i = 0; i < 3; i++) {
            PartitionPlanner.plan(nodes, 3, List.of());
        }
        Plan first = PartitionPlanner.plan(nodes, 3, List.of());

        List<StorageNode> grown = new ArrayList<>(nodes);
        grown.add(new StorageNode("node-new", "zone-3", 8));
        List<StorageNode> shrunk = new ArrayList<>(nodes.subList(1, nodes.size()));
        List<StorageNode> reweighted = new ArrayList<>(nodes);
        reweighted.set(7, new StorageNode(nodes.get(7).nodeId(), nodes.get(7).zone(), 64));
        List<StorageNode> small = new ArrayList<>(nodes.subList(0, Math.max(3, nodeCount / 10)));
        Plan smallPlan = PartitionPlanner.plan(small, 3, List.of());

        System.out.printf("layout benchmark: %d nodes, %d zones, replication 3, %d partitions, median of %d runs%n",
                nodeCount, zones, PartitionPlanner.PARTITIONS, rounds);
        report("first layout", rounds, () -> PartitionPlanner.plan(nodes, 3, List.of()));
        report("add one node", rounds, () -> PartitionPlanner.plan(grown, 3, first.partitions()));
        report("remove one node", rounds, () -> PartitionPlanner.plan(shrunk, 3, first.partitions()));
        report("raise one capacity", rounds, () -> PartitionPlanner.plan(reweighted, 3, first.partitions()));
        report("unchanged re-apply", rounds, () -> PartitionPlanner.plan(nodes, 3, first.partitions()));
        report("grow from " + small.size() + " nodes", rounds, () -> PartitionPlanner.plan(nodes, 3, smallPlan.partitions()));
    }

    private static void report(String label, int rounds, Supplier<Plan> work) {
        long[] times = new long[rounds];
        Plan plan = null;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            plan = work.get();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf("  %-24s %8.1f ms   (min %.1f, max %.1f)   slots moved: %d%n", label, times[rounds / 2] / 1e6,
                times[0] / 1e6, times[rounds - 1] / 1e6, plan.moved());
    }
}
