package dev.steward.cluster.layout;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LayoutRepository extends GenericRepository<ClusterLayout, Boolean> {

    @Query("SELECT * FROM cluster_layout")
    ClusterLayout current();

    /** Serializes layout changes across replicas: the second of two concurrent applies sees the new version. */
    @Query("SELECT * FROM cluster_layout FOR UPDATE")
    ClusterLayout lockCurrent();

    @Query("UPDATE cluster_layout SET version = :version, replication_factor = :replicationFactor, applied_at = :appliedAt")
    void update(long version, @io.micronaut.core.annotation.Nullable Integer replicationFactor, Instant appliedAt);
}
