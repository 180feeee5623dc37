package dev.steward.cluster.layout;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LayoutRepository extends GenericRepository<ClusterLayout, Boolean> {

    @Query("SELECT version FROM cluster_layout")
    long currentVersion();
}
