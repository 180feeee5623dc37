package dev.steward.identity.gatewayconfig;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GatewaySettingRepository extends GenericRepository<GatewaySettingRepository.StoredSetting, String> {

    @Introspected
    record StoredSetting(String name, String value) {
    }

    @Query("SELECT name, value FROM gateway_setting")
    List<StoredSetting> findAll();

    /** Serializes changes across replicas, so that each event carries the state its change produced. */
    @Query("SELECT pg_advisory_xact_lock(hashtext('gateway_setting')) IS NOT NULL")
    boolean lock();

    @Query("INSERT INTO gateway_setting (name, value, updated_at) VALUES (:name, :value, :updatedAt) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at")
    void set(String name, String value, Instant updatedAt);

    @Query("DELETE FROM gateway_setting WHERE name = :name")
    void reset(String name);

    @Query("DELETE FROM gateway_setting")
    void resetAll();
}
