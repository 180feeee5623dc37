package dev.steward.jobs.node;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface KnownNodeRepository extends CrudRepository<KnownNode, String> {

    @Query("""
            INSERT INTO known_node (node_id, address, connected_at) VALUES (:nodeId, :address, :connectedAt)
            ON CONFLICT (node_id) DO UPDATE SET address = EXCLUDED.address, connected_at = EXCLUDED.connected_at""")
    void upsert(String nodeId, String address, Instant connectedAt);
}
