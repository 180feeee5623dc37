package dev.steward.cluster.node;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@Singleton
public class NodeService {

    static final int MAX_NODES_PER_CONNECT = 1000;
    static final java.util.regex.Pattern HOSTNAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,255}");

    private final NodeRepository nodes;
    private final NodeFactsRepository facts;
    private final NodeHandshake handshake;
    private final NodeRegistry registry;
    private final Duration nodeTimeout;
    private final HeartbeatWriter writer;
    private final Clock clock = Clock.systemUTC();

    public NodeService(NodeRepository nodes, NodeFactsRepository facts, NodeHandshake handshake, NodeRegistry registry,
                       @Value("${steward.cluster.node-timeout:30s}") Duration nodeTimeout, HeartbeatWriter writer) {
        this.writer = writer;
        this.nodes = nodes;
        this.facts = facts;
        this.handshake = handshake;
        this.registry = registry;
        this.nodeTimeout = nodeTimeout;
    }

    /**
     * Garage ConnectClusterNodes: contacts every well-formed entry's agent at once and registers
     * those that proved their node id ({@link NodeHandshake}); each other entry gets its own error in
     * the result and changes nothing, as Garage reports a failed handshake per node. The handshakes
     * run outside any transaction; the registrations then commit together with their events.
     */
    public List<ConnectResult> connect(List<String> specs, Actor actor) {
        if (specs.isEmpty()) {
            throw new ProblemException(ClusterErrorCode.CONNECT_LIST_EMPTY, "send a JSON array of \"<node id>@<ip address>:<port>\" strings");
        }
        if (specs.size() > MAX_NODES_PER_CONNECT) {
            throw new ProblemException(ClusterErrorCode.CONNECT_LIST_TOO_LONG, "at most " + MAX_NODES_PER_CONNECT + " nodes per request");
        }
        List<CompletableFuture<NodeHandshake.Outcome>> handshakes = new ArrayList<>(specs.size());
        List<String> invalid = new ArrayList<>(specs.size());
        for (String spec : specs) {
            try {
                handshakes.add(handshake.shake(NodeAddress.parse(spec)));
                invalid.add(null);
            } catch (IllegalArgumentException e) {
                handshakes.add(null);
                invalid.add("Invalid node specification: " + e.getMessage());
            }
        }
        List<ConnectResult> results = new ArrayList<>(specs.size());
        List<NodeAddress> proven = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (handshakes.get(i) == null) {
                results.add(ConnectResult.failed(invalid.get(i)));
                continue;
            }
            NodeHandshake.Outcome outcome = handshakes.get(i).join();
            if (outcome.proven()) {
                proven.add(outcome.node());
                results.add(ConnectResult.succeeded());
            } else {
                results.add(ConnectResult.failed(outcome.error()));
            }
        }
        if (!proven.isEmpty()) {
            registry.register(proven, clock.instant(), actor);
        }
        return results;
    }

    /** @return false when the node is unknown (a beat from a node nobody connected is ignored) */
    @Transactional
    public boolean heartbeat(String nodeId, @Nullable String hostname, Instant sentAt) {
        return nodes.recordHeartbeat(nodeId, hostname, notAhead(sentAt)) > 0;
    }

    /**
     * A batch of agents' beats from Kafka, applied together ({@link HeartbeatWriter}): per node only
     * its newest beat counts, with the per-beat rules: last_seen only moves forward, facts only to a newer measurement.
     * How many known nodes were marked seen.
     */
    public int heartbeats(java.util.Collection<HeartbeatListener.Heartbeat> beats) {
        java.util.Map<String, HeartbeatListener.Heartbeat> newest = new java.util.HashMap<>();
        for (HeartbeatListener.Heartbeat beat : beats) {
            newest.merge(beat.nodeId(), beat, (kept, other) -> other.sentAt().isAfter(kept.sentAt()) ? other : kept);
        }
        return writer.write(newest.values().stream().map(beat -> new HeartbeatWriter.Beat(beat.nodeId(), beat.hostname(),
                notAhead(beat.sentAt()), beat.agentVersion() != null || beat.dataBytesTotal() != null, beat.agentVersion(),
                release(beat.release()), nonNegative(beat.dataBytesTotal()), nonNegative(beat.dataBytesFree()), beat.load1(), beat.cpus()))
                .toList());
    }

    /** A clock ahead of ours must not make a node look alive, or measured, in the future. */
    private Instant notAhead(Instant sentAt) {
        Instant now = clock.instant();
        return sentAt.isAfter(now) ? now : sentAt;
    }

    /** A release name as the agent's versions/ directory holds it; anything else is not shown. */
    private static String release(@Nullable String release) {
        return release != null && release.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}") ? release : null;
    }

    private static Long nonNegative(@Nullable Long value) {
        return value == null || value < 0 ? null : value;
    }

    /** Steward's node list: Garage's knownNodes facts plus what each agent last measured on its host. */
    @io.micronaut.serde.annotation.Serdeable
    public record NodeView(String nodeId, String address, @Nullable String hostname, boolean isUp, @Nullable Long lastSeenSecsAgo,
                           @Nullable String agentVersion, @Nullable String release, @Nullable Long dataBytesTotal, @Nullable Long dataBytesFree,
                           @Nullable Double load1, @Nullable Integer cpus) {
    }

    @dev.steward.common.consistency.Snapshot
    public List<NodeView> nodes() {
        Instant now = clock.instant();
        java.util.Map<String, NodeFactsRepository.NodeFacts> byNode = new java.util.HashMap<>();
        facts.all().forEach(fact -> byNode.put(fact.nodeId(), fact));
        return nodes.findAllOrderByNodeId().stream().map(node -> {
            NodeFactsRepository.NodeFacts fact = byNode.get(node.nodeId());
            return new NodeView(node.nodeId(), node.address(), node.hostname(), isUp(node, now),
                    node.lastSeenAt() == null ? null : Math.max(0, Duration.between(node.lastSeenAt(), now).toSeconds()),
                    fact == null ? null : fact.agentVersion(), fact == null ? null : fact.release(), fact == null ? null : fact.dataBytesTotal(),
                    fact == null ? null : fact.dataBytesFree(), fact == null ? null : fact.load1(), fact == null ? null : fact.cpus());
        }).toList();
    }

    /** A Gluster peer: uuid, hostname and state, as {@code gluster pool list} shows them. */
    @io.micronaut.serde.annotation.Serdeable
    public record Peer(String uuid, String hostname, String address, String state, boolean connected) {
    }

    @dev.steward.common.consistency.Snapshot
    public List<Peer> peers() {
        Instant now = clock.instant();
        return nodes.findAllOrderByNodeId().stream().map(node -> {
            boolean up = isUp(node, now);
            String host = node.hostname() != null ? node.hostname() : NodeAddress.host(node.address());
            return new Peer(node.nodeId(), host, node.address(), up ? "Connected" : "Disconnected", up);
        }).toList();
    }

    public boolean isUp(Node node, Instant now) {
        return node.lastSeenAt() != null && Duration.between(node.lastSeenAt(), now).compareTo(nodeTimeout) <= 0;
    }
}
