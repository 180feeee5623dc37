package dev.steward.cluster.node;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NodeRepository extends CrudRepository<Node, String> {

    /** Registers the node, or moves a known node to its new address; liveness is left to heartbeats. */
    @Query("""
            INSERT INTO node (node_id, address, connected_at) VALUES (:nodeId, :address, :connectedAt)
            ON CONFLICT (node_id) DO UPDATE SET address = EXCLUDED.address, connected_at = EXCLUDED.connected_at""")
    void upsertConnection(String nodeId, String address, Instant connectedAt);

    /** Heartbeats may arrive late or twice; last_seen only moves forward. */
    @Query("""
            UPDATE node SET last_seen_at = GREATEST(COALESCE(last_seen_at, :seenAt), :seenAt),
                            hostname = COALESCE(:hostname, hostname)
            WHERE node_id = :nodeId""")
    int recordHeartbeat(String nodeId, @io.micronaut.core.annotation.Nullable String hostname, Instant seenAt);

    List<Node> findAllOrderByNodeId();

    @Query("SELECT node_id FROM control_plane")
    String controlPlaneNodeId();

    /** Whether the node has a role in the current layout or a staged one (a staged removal is still a role until applied). */
    @Query("""
            SELECT EXISTS (SELECT 1 FROM layout_role WHERE node_id = :nodeId)
                OR EXISTS (SELECT 1 FROM layout_staged_change WHERE node_id = :nodeId AND NOT removal)""")
    boolean holdsRole(String nodeId);

    /** Nodes with no role, current or staged, last seen (or, never seen, connected) before {@code cutoff}; locked. */
    @Query("""
            SELECT * FROM node n WHERE COALESCE(n.last_seen_at, n.connected_at) < :cutoff
              AND NOT EXISTS (SELECT 1 FROM layout_role r WHERE r.node_id = n.node_id)
              AND NOT EXISTS (SELECT 1 FROM layout_staged_change s WHERE s.node_id = n.node_id AND NOT s.removal)
            ORDER BY n.node_id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    java.util.List<Node> expired(Instant cutoff, int limit);

    @Query("SELECT * FROM node WHERE node_id = :nodeId FOR UPDATE")
    java.util.Optional<Node> lock(String nodeId);
}
