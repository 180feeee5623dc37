package dev.steward.cluster.layout;

import dev.steward.cluster.error.ClusterErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Garage's layout model: staged role changes, applied or reverted as a new version. */
@Singleton
public class LayoutService {

    static final int MAX_CHANGES_PER_REQUEST = 10_000;
    private static final Pattern NODE_ID = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final String EVENT_KEY = "layout";

    private final LayoutRepository layouts;
    private final LayoutRoleRepository roles;
    private final StagedRoleChangeRepository staged;
    private final PartitionAssignmentRepository assignments;
    private final Outbox outbox;
    private final int replicationFactor;

    public LayoutService(LayoutRepository layouts, LayoutRoleRepository roles, StagedRoleChangeRepository staged,
                         PartitionAssignmentRepository assignments, Outbox outbox,
                         @Value("${steward.cluster.replication-factor:3}") int replicationFactor) {
        this.layouts = layouts;
        this.roles = roles;
        this.staged = staged;
        this.assignments = assignments;
        this.outbox = outbox;
        if (replicationFactor < 1 || replicationFactor > 7) {
            throw new IllegalArgumentException("steward.cluster.replication-factor must be between 1 and 7, got " + replicationFactor);
        }
        this.replicationFactor = replicationFactor;
    }

    @Snapshot
    public LayoutView view() {
        Map<String, LayoutView.Role> applied = new LinkedHashMap<>();
        roles.findAllOrderByNodeId().forEach(role -> applied.put(role.nodeId(), role.view()));
        Map<String, LayoutView.Role> changes = new LinkedHashMap<>();
        staged.findAllOrderByNodeId().forEach(change -> changes.put(change.nodeId(), change.view()));
        return new LayoutView(layouts.current().version(), applied, changes);
    }

    /** The current assignment, for health and the partitions view. */
    @Snapshot
    public List<List<String>> partitions() {
        return assignments.findAllOrderByPartition().stream().map(PartitionAssignment::nodeIds).toList();
    }

    @Snapshot
    public PartitionsView partitionsView() {
        ClusterLayout layout = layouts.current();
        List<List<String>> partitions = partitions();
        Map<String, Integer> perNode = new TreeMap<>();
        partitions.forEach(replicas -> replicas.forEach(node -> perNode.merge(node, 1, Integer::sum)));
        return new PartitionsView(layout.version(), layout.replicationFactor(), perNode, partitions);
    }

    /**
     * UpdateClusterLayout: every entry is validated before anything is staged, so a bad entry
     * stages nothing. A later change of the same node replaces the earlier staged one.
     */
    @Transactional
    public LayoutView stage(@Nullable JsonNode body, Actor actor) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(ClusterErrorCode.LAYOUT_BODY_INVALID,
                    "send a JSON object of <node id> → {\"zone\", \"capacity\", \"tags\"} or null");
        }
        if (body.size() == 0) {
            throw new ProblemException(ClusterErrorCode.LAYOUT_BODY_INVALID, "no role changes in the request");
        }
        if (body.size() > MAX_CHANGES_PER_REQUEST) {
            throw new ProblemException(ClusterErrorCode.LAYOUT_BODY_INVALID, "at most " + MAX_CHANGES_PER_REQUEST + " changes per request");
        }
        ClusterLayout layout = layouts.lockCurrent();
        Map<String, LayoutView.Role> changes = new TreeMap<>();
        List<StagedRoleChange> rows = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : body.entries()) {
            String nodeId = entry.getKey();
            if (!NODE_ID.matcher(nodeId).matches()) {
                throw new ProblemException(ClusterErrorCode.LAYOUT_NODE_ID_INVALID, "node id must be 64 hexadecimal characters: '" + nodeId + "'");
            }
            nodeId = nodeId.toLowerCase(Locale.ROOT);
            if (entry.getValue().isNull()) {
                if (roles.existsById(nodeId)) {
                    rows.add(StagedRoleChange.remove(nodeId));
                } else if (staged.existsById(nodeId)) {
                    withdrawn.add(nodeId); // only staged so far: removing it withdraws the staged role
                } else {
                    throw new ProblemException(ClusterErrorCode.LAYOUT_ROLE_UNKNOWN, nodeId + " has no role to remove");
                }
                changes.put(nodeId, null);
            } else {
                LayoutView.Role role = parseRole(nodeId, entry.getValue());
                rows.add(StagedRoleChange.assign(nodeId, role));
                changes.put(nodeId, role);
            }
        }
        withdrawn.forEach(staged::deleteById);
        for (StagedRoleChange row : rows) {
            if (staged.existsById(row.nodeId())) {
                staged.update(row);
            } else {
                staged.save(row);
            }
        }
        outbox.append(Topics.CLUSTER_EVENTS, LayoutEvents.LAYOUT_CHANGES_STAGED, EVENT_KEY, "layout",
                new LayoutEvents.LayoutChangesStaged(layout.version(), changes), actor);
        return view();
    }

    /** ApplyClusterLayout: staged changes become the next version, with a fresh partition assignment. */
    @Transactional
    public LayoutView apply(@Nullable Long version, Actor actor) {
        ClusterLayout layout = checkNextVersion(version);
        Map<String, LayoutRole> next = nextRoles();
        PartitionPlanner.Plan plan = plan(next);

        roles.deleteAll();
        roles.saveAll(next.values());
        staged.deleteAll();
        assignments.deleteAll();
        List<PartitionAssignment> rows = new ArrayList<>(PartitionPlanner.PARTITIONS);
        for (int p = 0; p < plan.partitions().size(); p++) {
            rows.add(new PartitionAssignment(p, plan.partitions().get(p)));
        }
        assignments.saveAll(rows);
        layouts.update(version, replicationFactor, Instant.now());

        Map<String, LayoutView.Role> applied = new LinkedHashMap<>();
        next.values().forEach(role -> applied.put(role.nodeId(), role.view()));
        outbox.append(Topics.CLUSTER_EVENTS, LayoutEvents.LAYOUT_APPLIED, EVENT_KEY, "layout",
                new LayoutEvents.LayoutApplied(version, applied, replicationFactor, plan.moved(), plan.targets()), actor);
        return view();
    }

    /**
     * What applying the staged changes now would do, without doing it: the roles of the next version, the
     * partitions each node would hold and how many replicas would move. An infeasible layout is refused as
     * apply would refuse it.
     */
    @Snapshot
    public LayoutPreview preview() {
        ClusterLayout layout = layouts.current();
        Map<String, LayoutRole> next = nextRoles();
        PartitionPlanner.Plan plan = plan(next);
        Map<String, Integer> perNode = new TreeMap<>();
        plan.partitions().forEach(replicas -> replicas.forEach(node -> perNode.merge(node, 1, Integer::sum)));
        Map<String, LayoutView.Role> roles = new LinkedHashMap<>();
        next.values().forEach(role -> roles.put(role.nodeId(), role.view()));
        return new LayoutPreview(layout.version() + 1, staged.count() > 0, roles, perNode, plan.moved());
    }

    /** The applied roles with the staged changes on top: the roles the next version would have. */
    private Map<String, LayoutRole> nextRoles() {
        Map<String, LayoutRole> next = new TreeMap<>();
        roles.findAll().forEach(role -> next.put(role.nodeId(), role));
        for (StagedRoleChange change : staged.findAllOrderByNodeId()) {
            if (change.removal()) {
                next.remove(change.nodeId());
            } else {
                next.put(change.nodeId(), new LayoutRole(change.nodeId(), change.zone(), change.capacity(), change.tags()));
            }
        }
        return next;
    }

    private PartitionPlanner.Plan plan(Map<String, LayoutRole> next) {
        List<PartitionPlanner.StorageNode> storage = next.values().stream().filter(LayoutRole::stores)
                .map(role -> new PartitionPlanner.StorageNode(role.nodeId(), role.zone(), role.capacity())).toList();
        try {
            return PartitionPlanner.plan(storage, replicationFactor, partitions());
        } catch (PartitionPlanner.InfeasibleLayoutException e) {
            throw new ProblemException(ClusterErrorCode.LAYOUT_INFEASIBLE, e.getMessage());
        }
    }

    /** RevertClusterLayout: clears the staged changes; the version still moves on, as in Garage. */
    @Transactional
    public LayoutView revert(@Nullable Long version, Actor actor) {
        ClusterLayout layout = checkNextVersion(version);
        List<String> cleared = staged.findAllOrderByNodeId().stream().map(StagedRoleChange::nodeId).toList();
        staged.deleteAll();
        layouts.update(version, layout.replicationFactor(), Instant.now());
        outbox.append(Topics.CLUSTER_EVENTS, LayoutEvents.LAYOUT_REVERTED, EVENT_KEY, "layout",
                new LayoutEvents.LayoutReverted(version, cleared), actor);
        return view();
    }

    private ClusterLayout checkNextVersion(@Nullable Long version) {
        if (version == null) {
            throw new ProblemException(ClusterErrorCode.LAYOUT_VERSION_MISSING, "send {\"version\": <current version + 1>}");
        }
        ClusterLayout layout = layouts.lockCurrent();
        if (version != layout.version() + 1) {
            throw new ProblemException(ClusterErrorCode.LAYOUT_VERSION_CONFLICT,
                    "the current layout version is " + layout.version() + ", so the new version must be " + (layout.version() + 1)
                            + ", got " + version);
        }
        return layout;
    }

    /** Garage requires all three fields; capacity null makes a gateway node. */
    private static LayoutView.Role parseRole(String nodeId, JsonNode value) {
        if (!value.isObject()) {
            throw roleProblem(nodeId, "expected an object {\"zone\", \"capacity\", \"tags\"} or null");
        }
        for (Map.Entry<String, JsonNode> field : value.entries()) {
            if (!List.of("zone", "capacity", "tags").contains(field.getKey())) {
                throw roleProblem(nodeId, "unknown field '" + field.getKey() + "'");
            }
        }
        JsonNode zone = value.get("zone");
        if (zone == null || !zone.isString() || !ZONE.matcher(zone.getStringValue()).matches()) {
            throw roleProblem(nodeId, "zone must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        JsonNode capacity = value.get("capacity");
        Long capacityValue;
        if (capacity == null) {
            throw roleProblem(nodeId, "capacity is required (a positive integer, or null for a gateway node)");
        } else if (capacity.isNull()) {
            capacityValue = null;
        } else if (capacity.isNumber() && isWholeNumber(capacity) && capacity.getLongValue() > 0) {
            capacityValue = capacity.getLongValue();
        } else {
            throw roleProblem(nodeId, "capacity must be a positive integer or null, got " + capacity);
        }
        JsonNode tags = value.get("tags");
        if (tags == null || !tags.isArray() || tags.size() > 32) {
            throw roleProblem(nodeId, "tags must be an array of at most 32 strings");
        }
        List<String> tagValues = new ArrayList<>();
        for (JsonNode tag : tags.values()) {
            if (!tag.isString() || tag.getStringValue().isEmpty() || tag.getStringValue().length() > 128) {
                throw roleProblem(nodeId, "each tag must be a string of 1-128 characters");
            }
            tagValues.add(tag.getStringValue());
        }
        return new LayoutView.Role(zone.getStringValue(), capacityValue, List.copyOf(tagValues));
    }

    private static boolean isWholeNumber(JsonNode number) {
        Number value = number.getNumberValue();
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger && ((java.math.BigInteger) value).bitLength() < 63;
    }

    private static ProblemException roleProblem(String nodeId, String detail) {
        return new ProblemException(ClusterErrorCode.LAYOUT_ROLE_INVALID, nodeId + ": " + detail);
    }
}
