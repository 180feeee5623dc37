package dev.steward.identity.lease;

import dev.steward.identity.key.AccessKey;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The credential epoch and the gateways' leases; clock_timestamp() so that a lease starts when it is written. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GatewayLeaseRepository extends GenericRepository<AccessKey, String> {

    /** Takes the epoch row's lock until the transaction ends: concurrent changes queue here, in commit order. */
    @Query("WITH advanced AS (UPDATE credential_epoch SET epoch = epoch + 1, changed_at = clock_timestamp() WHERE id = 1 RETURNING epoch) "
            + "SELECT epoch FROM advanced")
    long findAdvancedEpoch();

    @Query("SELECT epoch FROM credential_epoch WHERE id = 1")
    long findEpoch();

    /** Shares the row lock with changes: a lease granted for an epoch commits before the next change can. */
    @Query("SELECT epoch FROM credential_epoch WHERE id = 1 FOR SHARE")
    long findEpochForShare();

    /** Records what the gateway confirmed; renews its lease only when {@code renew}. */
    @Query("""
            INSERT INTO gateway_lease (gateway_id, acked_epoch, lease_until, seen_at)
            VALUES (:gatewayId, :ackedEpoch, CASE WHEN :renew THEN clock_timestamp() + make_interval(secs => :leaseMillis / 1000.0)
                                                  ELSE clock_timestamp() END, clock_timestamp())
            ON CONFLICT (gateway_id) DO UPDATE SET acked_epoch = EXCLUDED.acked_epoch, seen_at = EXCLUDED.seen_at,
                lease_until = CASE WHEN :renew THEN EXCLUDED.lease_until ELSE gateway_lease.lease_until END""")
    void confirm(String gatewayId, long ackedEpoch, boolean renew, long leaseMillis);

    /** Gateways that may still use a cache from before {@code epoch}. */
    @Query("SELECT count(*) FROM gateway_lease WHERE lease_until > clock_timestamp() AND acked_epoch < :epoch")
    long countLagging(long epoch);

    @Query("DELETE FROM gateway_lease WHERE seen_at < clock_timestamp() - interval '1 day'")
    int deleteForgotten();
}
