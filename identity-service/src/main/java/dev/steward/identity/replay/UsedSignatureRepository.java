package dev.steward.identity.replay;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UsedSignatureRepository extends GenericRepository<UsedSignature, String> {

    /**
     * Records a use in one statement, so two gateways racing with copies of one request cannot both win.
     *
     * @return 1 for the first use (or the first after the last one expired), 0 for a replay
     */
    @Query("""
            INSERT INTO used_signature (fingerprint, expires_at) VALUES (:fingerprint, :expiresAt)
            ON CONFLICT (fingerprint) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_signature.expires_at <= :now""")
    int claim(String fingerprint, Instant expiresAt, Instant now);

    @Query("DELETE FROM used_signature WHERE expires_at <= :now")
    int deleteExpired(Instant now);
}
