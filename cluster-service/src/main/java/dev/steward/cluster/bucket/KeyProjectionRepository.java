package dev.steward.cluster.bucket;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;

/** cluster-service's copy of identity's keys and bucket-key permissions, kept from identity events. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface KeyProjectionRepository extends GenericRepository<Bucket, String> {

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    record Permission(String bucketId, String accessKeyId, boolean read, boolean write, boolean owner) {
    }

    @Query("INSERT INTO known_key (access_key_id, name) VALUES (:accessKeyId, :name) ON CONFLICT (access_key_id) DO UPDATE SET name = EXCLUDED.name")
    void upsertKey(String accessKeyId, String name);

    @Query("DELETE FROM known_key WHERE access_key_id = :accessKeyId")
    void deleteKey(String accessKeyId);

    @Query("SELECT name FROM known_key WHERE access_key_id = :accessKeyId")
    Optional<String> keyName(String accessKeyId);

    @Query("""
            INSERT INTO bucket_key_permission (bucket_id, access_key_id, read, write, owner) VALUES (:bucketId, :accessKeyId, :read, :write, :owner)
            ON CONFLICT (bucket_id, access_key_id) DO UPDATE SET read = EXCLUDED.read, write = EXCLUDED.write, owner = EXCLUDED.owner""")
    void upsertPermission(String bucketId, String accessKeyId, boolean read, boolean write, boolean owner);

    @Query("SELECT bucket_id, access_key_id, read, write, owner FROM bucket_key_permission WHERE bucket_id = :bucketId AND (read OR write OR owner)")
    List<Permission> permissionsOn(String bucketId);

    @Query("DELETE FROM bucket_key_permission WHERE bucket_id = :bucketId")
    void deletePermissionsOn(String bucketId);

    @Query("DELETE FROM bucket_key_permission WHERE access_key_id = :accessKeyId")
    void deletePermissionsOf(String accessKeyId);
}
