package dev.steward.cluster.settings;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClusterSettingRepository extends CrudRepository<ClusterSetting, String> {

    @Query("""
            INSERT INTO cluster_setting (name, document, updated_at) VALUES (:name, :document, :updatedAt)
            ON CONFLICT (name) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at""")
    void upsert(String name, String document, Instant updatedAt);
}
