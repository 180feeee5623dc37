package dev.steward.cluster.node;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;

/**
 * Applies a batch of heartbeats in one transaction of two statements, whatever its size: each
 * column goes as one array and {@code unnest} turns them back into rows. One statement per beat
 * (what this replaced) capped ingest at the database's round trips. The rules are the per-beat
 * ones: last_seen only moves forward, facts only to a newer measurement, unknown nodes change nothing.
 */
@Singleton
class HeartbeatWriter {

    /** One node's newest beat in the batch, already sanitised (times not ahead of ours). */
    record Beat(String nodeId, String hostname, java.time.Instant seenAt, boolean hasFacts, String agentVersion, String release,
                Long dataBytesTotal, Long dataBytesFree, Double load1, Integer cpus) {
    }

    private static final String LIVENESS = """
            UPDATE node SET last_seen_at = GREATEST(COALESCE(node.last_seen_at, beat.seen_at), beat.seen_at),
                            hostname = COALESCE(beat.hostname, node.hostname)
            FROM unnest(?::text[], ?::timestamptz[], ?::text[]) AS beat(node_id, seen_at, hostname)
            WHERE node.node_id = beat.node_id""";

    private static final String FACTS = """
            INSERT INTO node_facts (node_id, measured_at, agent_version, release, data_bytes_total, data_bytes_free, load1, cpus)
            SELECT beat.node_id, beat.measured_at, beat.agent_version, beat.release, beat.data_bytes_total, beat.data_bytes_free,
                   beat.load1, beat.cpus
            FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::float8[], ?::int[])
                 AS beat(node_id, measured_at, agent_version, release, data_bytes_total, data_bytes_free, load1, cpus)
            WHERE EXISTS (SELECT 1 FROM node WHERE node.node_id = beat.node_id)
            ON CONFLICT (node_id) DO UPDATE SET measured_at = EXCLUDED.measured_at, agent_version = EXCLUDED.agent_version,
                release = EXCLUDED.release, data_bytes_total = EXCLUDED.data_bytes_total, data_bytes_free = EXCLUDED.data_bytes_free,
                load1 = EXCLUDED.load1, cpus = EXCLUDED.cpus
            WHERE node_facts.measured_at < EXCLUDED.measured_at""";

    private final TransactionOperations<Connection> transactions;

    HeartbeatWriter(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Applies {@code beats} (at most one per node); how many known nodes they marked seen. */
    int write(Collection<Beat> beats) {
        if (beats.isEmpty()) {
            return 0;
        }
        List<Beat> all = List.copyOf(beats);
        List<Beat> withFacts = all.stream().filter(Beat::hasFacts).toList();
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            try {
                int seen;
                try (PreparedStatement liveness = connection.prepareStatement(LIVENESS)) {
                    liveness.setArray(1, array(connection, "text", all.stream().map(Beat::nodeId).toArray()));
                    liveness.setArray(2, array(connection, "timestamptz", all.stream().map(beat -> Timestamp.from(beat.seenAt())).toArray()));
                    liveness.setArray(3, array(connection, "text", all.stream().map(Beat::hostname).toArray()));
                    seen = liveness.executeUpdate();
                }
                if (!withFacts.isEmpty()) {
                    try (PreparedStatement facts = connection.prepareStatement(FACTS)) {
                        facts.setArray(1, array(connection, "text", withFacts.stream().map(Beat::nodeId).toArray()));
                        facts.setArray(2, array(connection, "timestamptz", withFacts.stream().map(beat -> Timestamp.from(beat.seenAt())).toArray()));
                        facts.setArray(3, array(connection, "text", withFacts.stream().map(Beat::agentVersion).toArray()));
                        facts.setArray(4, array(connection, "text", withFacts.stream().map(Beat::release).toArray()));
                        facts.setArray(5, array(connection, "int8", withFacts.stream().map(Beat::dataBytesTotal).toArray()));
                        facts.setArray(6, array(connection, "int8", withFacts.stream().map(Beat::dataBytesFree).toArray()));
                        facts.setArray(7, array(connection, "float8", withFacts.stream().map(Beat::load1).toArray()));
                        facts.setArray(8, array(connection, "int4", withFacts.stream().map(Beat::cpus).toArray()));
                        facts.executeUpdate();
                    }
                }
                return seen;
            } catch (SQLException e) {
                throw new IllegalStateException("heartbeats not written: " + e.getMessage(), e);
            }
        });
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
