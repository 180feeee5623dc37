package dev.steward.cluster.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns the cluster's partitions to storage nodes. Pure computation, no I/O; the algorithm is
 * described in docs/layout.md. In short:
 * <ol>
 * <li>Every partition must span {@code min(R, zones)} zones, so one partition holds at most
 *     {@code ceil(R / zones)} replicas in a zone.</li>
 * <li>Targets: the {@code 256 × R} replica slots are shared out capacity-proportionally, first over
 *     zones then over the nodes of each zone, capped where the zone rule or "one replica per node per
 *     partition" makes the proportional share impossible (water-filling), then rounded so that every
 *     node gets the floor or the ceiling of its share.</li>
 * <li>Assignment: a flow network partition → (partition, zone) → node → sink with the targets as
 *     node capacities. The flow is first pushed only along replicas the previous layout already had,
 *     so as many of them as the new targets allow stay where they are, and then along all edges
 *     (shortest augmenting paths first) to place the rest.</li>
 * </ol>
 */
public final class PartitionPlanner {

    public static final int PARTITIONS = 256;

    private PartitionPlanner() {
    }

    /** A node that stores data: its zone and a positive capacity weight. */
    public record StorageNode(String nodeId, String zone, long capacity) {
    }

    /**
     * @param partitions replicas of each partition, index = partition number
     * @param targets    how many replicas each node was meant to get
     * @param moved      replica slots whose node differs from the previous assignment
     */
    public record Plan(List<List<String>> partitions, Map<String, Integer> targets, int moved) {
    }

    public static final class InfeasibleLayoutException extends RuntimeException {
        InfeasibleLayoutException(String message) {
            super(message);
        }
    }

    /**
     * @param previous replicas per partition of the layout being replaced (empty list: first layout)
     */
    public static Plan plan(List<StorageNode> storageNodes, int replication, List<List<String>> previous) {
        if (replication < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1");
        }
        List<StorageNode> nodes = storageNodes.stream().sorted(Comparator.comparing(StorageNode::nodeId)).toList();
        if (nodes.size() < replication) {
            throw new InfeasibleLayoutException("replication factor " + replication + " needs at least " + replication
                    + " storage nodes, the layout has " + nodes.size());
        }
        for (StorageNode node : nodes) {
            if (node.capacity() <= 0) {
                throw new IllegalArgumentException("capacity of " + node.nodeId() + " must be positive");
            }
        }
        Map<String, List<Integer>> nodesByZone = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            nodesByZone.computeIfAbsent(nodes.get(i).zone(), zone -> new ArrayList<>()).add(i);
        }
        List<String> zones = new ArrayList<>(nodesByZone.keySet());
        int perZoneCap = (replication + zones.size() - 1) / zones.size();

        int[] targets = targets(nodes, zones, nodesByZone, replication, perZoneCap);
        int[][] assignment = assign(nodes, zones, nodesByZone, replication, perZoneCap, targets, previous);

        List<List<String>> partitions = new ArrayList<>(PARTITIONS);
        int moved = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            Set<String> before = p < previous.size() ? new HashSet<>(previous.get(p)) : Set.of();
            // Keep the previous order for replicas that stayed, so unchanged partitions read the same.
            LinkedHashSet<String> replicas = new LinkedHashSet<>();
            Set<String> now = new HashSet<>();
            for (int n : assignment[p]) {
                now.add(nodes.get(n).nodeId());
            }
            if (p < previous.size()) {
                for (String kept : previous.get(p)) {
                    if (now.contains(kept)) {
                        replicas.add(kept);
                    }
                }
            }
            for (int n : assignment[p]) {
                String id = nodes.get(n).nodeId();
                if (replicas.add(id) && !before.contains(id)) {
                    moved++;
                }
            }
            partitions.add(List.copyOf(replicas));
        }
        Map<String, Integer> targetByNode = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            targetByNode.put(nodes.get(i).nodeId(), targets[i]);
        }
        return new Plan(List.copyOf(partitions), targetByNode, moved);
    }

    // ---- targets -------------------------------------------------------------------------------

    private static int[] targets(List<StorageNode> nodes, List<String> zones, Map<String, List<Integer>> nodesByZone,
                                 int replication, int perZoneCap) {
        long slots = (long) PARTITIONS * replication;
        int zoneCount = zones.size();
        double[] zoneWeight = new double[zoneCount];
        double[] zoneMax = new double[zoneCount];
        double[] zoneMin = new double[zoneCount];
        for (int z = 0; z < zoneCount; z++) {
            List<Integer> members = nodesByZone.get(zones.get(z));
            for (int n : members) {
                zoneWeight[z] += nodes.get(n).capacity();
            }
            zoneMax[z] = (double) PARTITIONS * Math.min(perZoneCap, members.size());
            // Fewer zones than replicas: every partition has a replica in every zone.
            zoneMin[z] = zoneCount < replication ? PARTITIONS : 0;
        }
        int[] zoneTargets = roundPreservingSum(waterFill(slots, zoneWeight, zoneMin, zoneMax), slots);

        int[] targets = new int[nodes.size()];
        for (int z = 0; z < zoneCount; z++) {
            List<Integer> members = nodesByZone.get(zones.get(z));
            double[] weight = new double[members.size()];
            double[] max = new double[members.size()];
            for (int i = 0; i < members.size(); i++) {
                weight[i] = nodes.get(members.get(i)).capacity();
                max[i] = PARTITIONS;
            }
            int[] memberTargets = roundPreservingSum(waterFill(zoneTargets[z], weight, new double[members.size()], max),
                    zoneTargets[z]);
            for (int i = 0; i < members.size(); i++) {
                targets[members.get(i)] = memberTargets[i];
            }
        }
        return targets;
    }

    /**
     * Shares {@code total} proportionally to {@code weight}, clamping to [min, max] and sharing what
     * a clamp frees (or takes) among the others, until no share is out of its bounds.
     */
    static double[] waterFill(double total, double[] weight, double[] min, double[] max) {
        int n = weight.length;
        double[] share = new double[n];
        boolean[] fixed = new boolean[n];
        while (true) {
            double remaining = total;
            double freeWeight = 0;
            for (int i = 0; i < n; i++) {
                if (fixed[i]) {
                    remaining -= share[i];
                } else {
                    freeWeight += weight[i];
                }
            }
            if (freeWeight == 0) {
                return share;
            }
            for (int i = 0; i < n; i++) {
                if (!fixed[i]) {
                    share[i] = remaining * weight[i] / freeWeight;
                }
            }
            boolean clamped = false;
            for (int i = 0; i < n; i++) {
                if (!fixed[i] && share[i] > max[i] + 1e-9) {
                    share[i] = max[i];
                    fixed[i] = true;
                    clamped = true;
                }
            }
            if (!clamped) {
                for (int i = 0; i < n; i++) {
                    if (!fixed[i] && share[i] < min[i] - 1e-9) {
                        share[i] = min[i];
                        fixed[i] = true;
                        clamped = true;
                    }
                }
            }
            if (!clamped) {
                return share;
            }
        }
    }

    /** Largest-remainder rounding: each value becomes its floor or its ceiling, and they sum to {@code total}. */
    static int[] roundPreservingSum(double[] values, long total) {
        int n = values.length;
        int[] rounded = new int[n];
        long sum = 0;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            rounded[i] = (int) Math.floor(values[i] + 1e-9);
            sum += rounded[i];
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> rounded[i] - values[i]).thenComparing(i -> i));
        for (int k = 0; sum < total && k < n; k++) {
            rounded[order[k]]++;
            sum++;
        }
        return rounded;
    }

    // ---- assignment ----------------------------------------------------------------------------

    /** Package-private so that tests can give it targets the planner's own never are (its fallback and refusal). */
    static int[][] assign(List<StorageNode> nodes, List<String> zones, Map<String, List<Integer>> nodesByZone,
                          int replication, int perZoneCap, int[] targets, List<List<String>> previous) {
        int zoneCount = zones.size();
        int nodeCount = nodes.size();
        // Vertices: source, partitions, (partition, zone) pairs, nodes, sink.
        int source = 0;
        int firstPartition = 1;
        int firstPair = firstPartition + PARTITIONS;
        int firstNode = firstPair + PARTITIONS * zoneCount;
        int sink = firstNode + nodeCount;
        FlowNetwork flow = new FlowNetwork(sink + 1);


        // Edges that keep a previous replica open in the first pass; the rest wait for the second.
        int[][] pairToNodeEdge = new int[PARTITIONS][nodeCount];
        List<Integer> laterEdges = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            flow.addEdge(source, firstPartition + p, replication, 0);
            Set<String> before = p < previous.size() ? new HashSet<>(previous.get(p)) : Set.of();
            for (int z = 0; z < zoneCount; z++) {
                int pair = firstPair + p * zoneCount + z;
                flow.addEdge(firstPartition + p, pair, perZoneCap, 0);
                for (int n : nodesByZone.get(zones.get(z))) {
                    boolean kept = before.contains(nodes.get(n).nodeId());
                    // Cost = one moved replica slot, unless the node already held this partition.
                    int edge = flow.addEdge(pair, firstNode + n, kept ? 1 : 0, kept ? 0 : 1);
                    pairToNodeEdge[p][n] = edge;
                    if (!kept) {
                        laterEdges.add(edge);
                    }
                }
            }
        }
        int[] sinkEdges = new int[nodeCount];
        for (int n = 0; n < nodeCount; n++) {
            sinkEdges[n] = flow.addEdge(firstNode + n, sink, targets[n], 0);
        }
        long slots = (long) PARTITIONS * replication;

        // Pass 1: keep every previous replica the targets allow (all of these cost nothing, so this
        // flow is the cheapest of its size). Pass 2 places the rest along cheapest paths, which may
        // also swap a kept replica when that lets fewer slots move overall. With no previous layout
        // every path costs the same and plain maximum flow is enough.
        boolean fresh = previous.isEmpty();
        long placed = flow.maxFlow(source, sink);
        for (int edge : laterEdges) {
            flow.setCapacity(edge, 1);
        }
        placed += fresh ? flow.maxFlow(source, sink) : flow.minCostFlow(source, sink);
        if (placed < slots) {
            // The rounded targets could not all be met together: let nodes exceed them rather than fail.
            for (int n = 0; n < nodeCount; n++) {
                flow.setCapacity(sinkEdges[n], PARTITIONS);
            }
            placed += fresh ? flow.maxFlow(source, sink) : flow.minCostFlow(source, sink);
        }
        if (placed < slots) {
            throw new InfeasibleLayoutException("cannot place " + replication + " replicas of every partition on distinct nodes across "
                    + zoneCount + " zone(s) with at most " + perZoneCap + " per zone; add nodes or zones");
        }
        int[][] assignment = new int[PARTITIONS][replication];
        for (int p = 0; p < PARTITIONS; p++) {
            int r = 0;
            for (int n = 0; n < nodeCount; n++) {
                if (flow.flowOn(pairToNodeEdge[p][n]) > 0) {
                    assignment[p][r++] = n;
                }
            }
        }
        return assignment;
    }

    /**
     * Dinic's maximum flow, and successive cheapest augmenting paths (Bellman-Ford queue, as
     * residual edges carry negative costs) for the minimum-cost completion, on one adjacency array
     * whose capacities may be raised between runs.
     */
    static final class FlowNetwork {
        private final int vertices;
        private int[] head;
        private int[] next = new int[1024];
        private int[] to = new int[1024];
        private int[] capacity = new int[1024];
        private int[] from = new int[1024];
        private int[] cost = new int[1024];
        private int edges;
        private final int[] level;
        private final int[] cursor;
        private final int[] pathEdges;

        FlowNetwork(int vertices) {
            this.vertices = vertices;
            this.head = new int[vertices];
            Arrays.fill(head, -1);
            this.level = new int[vertices];
            this.cursor = new int[vertices];
            this.pathEdges = new int[vertices];
        }

        /** @return the forward edge's index; its residual twin is {@code index ^ 1} */
        int addEdge(int u, int v, int cap, int edgeCost) {
            int forward = push(u, v, cap, edgeCost);
            push(v, u, 0, -edgeCost);
            return forward;
        }

        private int push(int u, int v, int cap, int edgeCost) {
            if (edges == to.length) {
                int size = edges * 2;
                next = Arrays.copyOf(next, size);
                to = Arrays.copyOf(to, size);
                capacity = Arrays.copyOf(capacity, size);
                from = Arrays.copyOf(from, size);
                cost = Arrays.copyOf(cost, size);
            }
            cost[edges] = edgeCost;
            to[edges] = v;
            from[edges] = u;
            capacity[edges] = cap;
            next[edges] = head[u];
            head[u] = edges;
            return edges++;
        }

        /** Sets a forward edge's total capacity, keeping the flow already on it. */
        void setCapacity(int edge, int cap) {
            int flowing = capacity[edge ^ 1];
            capacity[edge] = Math.max(0, cap - flowing);
        }

        int flowOn(int edge) {
            return capacity[edge ^ 1];
        }

        long maxFlow(int source, int sink) {
            long total = 0;
            int[] queue = new int[vertices];
            while (true) {
                if (!levels(source, sink, null, queue)) {
                    return total;
                }
                System.arraycopy(head, 0, cursor, 0, vertices);
                int pushed;
                while ((pushed = augment(source, sink, Integer.MAX_VALUE, null)) > 0) {
                    total += pushed;
                }
            }
        }

        /**
         * Pushes flow along cheapest residual paths until none is left; assumes no negative cycle.
         * Primal-dual: one Bellman-Ford pass (a queue, as residual edges carry negative costs) gives
         * every vertex its distance, and then every path of that cost is filled at once, by blocking
         * flows on the tight edges ({@code distance[u] + cost = distance[v]}), before distances are
         * computed again. Costs here are 0 or 1 per slot, so paths come in few distinct costs: a
         * handful of passes instead of one per moved slot (1,000 nodes grown from 100: 690 slots).
         */
        long minCostFlow(int source, int sink) {
            long total = 0;
            long[] distance = new long[vertices];
            boolean[] queued = new boolean[vertices];
            int[] queue = new int[vertices];
            java.util.ArrayDeque<Integer> pending = new java.util.ArrayDeque<>();
            while (true) {
                Arrays.fill(distance, Long.MAX_VALUE);
                distance[source] = 0;
                pending.add(source);
                queued[source] = true;
                while (!pending.isEmpty()) {
                    int u = pending.poll();
                    queued[u] = false;
                    for (int e = head[u]; e >= 0; e = next[e]) {
                        if (capacity[e] > 0 && distance[u] + cost[e] < distance[to[e]]) {
                            distance[to[e]] = distance[u] + cost[e];
                            if (!queued[to[e]]) {
                                queued[to[e]] = true;
                                pending.add(to[e]);
                            }
                        }
                    }
                }
                if (distance[sink] == Long.MAX_VALUE) {
                    return total;
                }
                // Every cheapest path, as Dinic's blocking flows restricted to tight edges.
                while (levels(source, sink, distance, queue)) {
                    System.arraycopy(head, 0, cursor, 0, vertices);
                    int pushed;
                    while ((pushed = augment(source, sink, Integer.MAX_VALUE, distance)) > 0) {
                        total += pushed;
                    }
                }
            }
        }

        /**
         * BFS levels over residual edges (with {@code distance}, only those on cheapest paths);
         * whether the sink is reached.
         */
        private boolean levels(int source, int sink, long[] distance, int[] queue) {
            Arrays.fill(level, -1);
            level[source] = 0;
            int headIndex = 0;
            int tail = 0;
            queue[tail++] = source;
            while (headIndex < tail) {
                int u = queue[headIndex++];
                for (int e = head[u]; e >= 0; e = next[e]) {
                    if (capacity[e] > 0 && level[to[e]] < 0 && (distance == null || tight(e, distance))) {
                        level[to[e]] = level[u] + 1;
                        queue[tail++] = to[e];
                    }
                }
            }
            return level[sink] >= 0;
        }

        private boolean tight(int e, long[] distance) {
            return distance[from[e]] != Long.MAX_VALUE && distance[from[e]] + cost[e] == distance[to[e]];
        }

        /**
         * Iterative depth-first augmentation along the level graph (recursion would be deep for big
         * layouts); with {@code distance}, only along tight edges (see {@link #minCostFlow}).
         */
        private int augment(int source, int sink, int limit, long[] distance) {
            int depth = 0;
            int u = source;
            while (true) {
                if (u == sink) {
                    int bottleneck = limit;
                    for (int i = 0; i < depth; i++) {
                        bottleneck = Math.min(bottleneck, capacity[pathEdges[i]]);
                    }
                    for (int i = 0; i < depth; i++) {
                        capacity[pathEdges[i]] -= bottleneck;
                        capacity[pathEdges[i] ^ 1] += bottleneck;
                    }
                    return bottleneck;
                }
                boolean advanced = false;
                for (; cursor[u] >= 0; cursor[u] = next[cursor[u]]) {
                    int e = cursor[u];
                    if (capacity[e] > 0 && level[to[e]] == level[u] + 1 && (distance == null || tight(e, distance))) {
                        pathEdges[depth++] = e;
                        u = to[e];
                        advanced = true;
                        break;
                    }
                }
                if (!advanced) {
                    if (depth == 0) {
                        return 0;
                    }
                    // Dead end: never try this vertex again in this phase, step back and skip the edge.
                    level[u] = -1;
                    int back = pathEdges[--depth];
                    u = from[back];
                    cursor[u] = next[cursor[u]];
                }
            }
        }
    }
}
