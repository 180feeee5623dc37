package dev.steward.identity.token;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BearerTokenRepository extends CrudRepository<BearerToken, String> {

    Optional<BearerToken> findByTokenHash(String tokenHash);

    Optional<BearerToken> findByName(String name);

    java.util.List<BearerToken> findAllOrderByName();

    /** Serialises bootstrap registration across replicas starting at the same time. */
    @Query("SELECT pg_advisory_xact_lock(:key) IS NOT NULL")
    boolean lockBootstrap(long key);
}
