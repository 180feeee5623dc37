package dev.steward.identity.setup;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends CrudRepository<ApiToken, Boolean> {

    /** Serialises concurrent setups: the first-run check and the write happen under one lock. */
    @Query("SELECT pg_advisory_xact_lock(:key) IS NOT NULL")
    boolean lockSetup(long key);

    @Query("""
            INSERT INTO api_token (singleton, secret_key_sealed, changed_at) VALUES (TRUE, :sealed, :changedAt)
            ON CONFLICT (singleton) DO UPDATE SET secret_key_sealed = EXCLUDED.secret_key_sealed, changed_at = EXCLUDED.changed_at""")
    void store(String sealed, Instant changedAt);

    default Optional<ApiToken> current() {
        return findById(Boolean.TRUE);
    }
}
