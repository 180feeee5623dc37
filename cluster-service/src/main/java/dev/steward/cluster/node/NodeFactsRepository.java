package dev.steward.cluster.node;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** The host facts of each node's latest heartbeat. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NodeFactsRepository extends GenericRepository<NodeFactsRepository.NodeFacts, String> {

    @Introspected
    record NodeFacts(String nodeId, Instant measuredAt, @Nullable String agentVersion, @Nullable String release, @Nullable Long dataBytesTotal,
                     @Nullable Long dataBytesFree, @Nullable Double load1, @Nullable Integer cpus) {
    }

    // Written in batches by HeartbeatWriter.
    @Query("SELECT node_id, measured_at, agent_version, release, data_bytes_total, data_bytes_free, load1, cpus FROM node_facts")
    List<NodeFacts> all();
}
