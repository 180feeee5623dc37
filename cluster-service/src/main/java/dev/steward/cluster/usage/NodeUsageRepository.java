package dev.steward.cluster.usage;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** What each node reported per bucket and volume directory, and what the API derives from it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NodeUsageRepository extends GenericRepository<NodeUsageRepository.PathUsage, String> {

    /** A volume directory's usage, summed over the nodes that reported it. */
    @Introspected
    record PathUsage(String path, long files, long dirs, long bytes) {
    }

    /** Only a newer scan replaces a row (parts arrive twice, or late); unknown nodes are skipped. */
    @Query("""
            INSERT INTO node_usage (node_id, kind, name, path, files, dirs, bytes, measured_at)
            SELECT :nodeId, :kind, :name, :path, :files, :dirs, :bytes, :measuredAt
            WHERE EXISTS (SELECT 1 FROM node WHERE node_id = :nodeId)
            ON CONFLICT (node_id, kind, name, path) DO UPDATE SET files = EXCLUDED.files, dirs = EXCLUDED.dirs,
                bytes = EXCLUDED.bytes, measured_at = EXCLUDED.measured_at
            WHERE node_usage.measured_at < EXCLUDED.measured_at""")
    void record(String nodeId, String kind, String name, String path, long files, long dirs, long bytes, Instant measuredAt);

    /** The buckets whose rows {@link #forgetOlder} is about to remove. */
    @Query("SELECT DISTINCT name FROM node_usage WHERE node_id = :nodeId AND kind = 'bucket' AND measured_at < :measuredAt")
    List<String> bucketsOlderThan(String nodeId, Instant measuredAt);

    /** What the node reported before a scan and did not report in it: it no longer holds that. */
    @Query("DELETE FROM node_usage WHERE node_id = :nodeId AND measured_at < :measuredAt")
    void forgetOlder(String nodeId, Instant measuredAt);

    /** Locks the buckets in id order, so two nodes' reports on the same buckets serialize and never deadlock. */
    @Query("SELECT id FROM bucket WHERE id IN (:ids) ORDER BY id FOR UPDATE")
    List<String> lockBuckets(List<String> ids);

    /**
     * Sets a bucket's counters from the nodes' reports: every node holding a bucket holds all of it
     * (a replica), so the bucket is as large as the largest report; no report left means empty.
     */
    @Query("""
            UPDATE bucket SET objects = usage.objects, bytes = usage.bytes
            FROM (SELECT COALESCE(max(files), 0) AS objects, COALESCE(max(bytes), 0) AS bytes
                  FROM node_usage WHERE kind = 'bucket' AND name = :id AND path = '/') AS usage
            WHERE bucket.id = :id""")
    void recomputeBucket(String id);

    /** The volume's directories among {@code paths} that nodes reported, each summed over the nodes. */
    @Query("""
            SELECT path, sum(files) AS files, sum(dirs) AS dirs, sum(bytes) AS bytes FROM node_usage
            WHERE kind = 'volume' AND name = :volume AND path IN (:paths) GROUP BY path""")
    List<PathUsage> volumePaths(String volume, List<String> paths);
}
