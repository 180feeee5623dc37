package dev.steward.identity.permission;

import dev.steward.identity.key.AccessKey;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Bucket-key permissions, and the projection of cluster-service's buckets they refer to. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PermissionRepository extends GenericRepository<AccessKey, String> {

    @Introspected
    record Permission(String bucketId, String accessKeyId, boolean read, boolean write, boolean owner) {
    }

    @Introspected
    record LocalAlias(String bucketId, String accessKeyId, String alias) {
    }

    @Introspected
    record KnownBucket(String id, @TypeDef(type = DataType.STRING_ARRAY) List<String> globalAliases) {
    }

    @Query("SELECT bucket_id, access_key_id, read, write, owner FROM bucket_key_permission WHERE bucket_id = :bucketId AND access_key_id = :accessKeyId")
    Optional<Permission> find(String bucketId, String accessKeyId);

    @Query("""
            INSERT INTO bucket_key_permission (bucket_id, access_key_id, read, write, owner) VALUES (:bucketId, :accessKeyId, :read, :write, :owner)
            ON CONFLICT (bucket_id, access_key_id) DO UPDATE SET read = EXCLUDED.read, write = EXCLUDED.write, owner = EXCLUDED.owner""")
    void upsert(String bucketId, String accessKeyId, boolean read, boolean write, boolean owner);

    @Query("SELECT bucket_id, access_key_id, read, write, owner FROM bucket_key_permission WHERE access_key_id = :accessKeyId AND (read OR write OR owner)")
    List<Permission> grantsOf(String accessKeyId);

    @Query("SELECT bucket_id, access_key_id, read, write, owner FROM bucket_key_permission WHERE bucket_id = :bucketId AND (read OR write OR owner) ORDER BY access_key_id")
    List<Permission> grantsOn(String bucketId);

    @Query("DELETE FROM bucket_key_permission WHERE bucket_id = :bucketId")
    void deleteGrantsOn(String bucketId);

    @Query("SELECT id, global_aliases FROM known_bucket WHERE id = :id")
    Optional<KnownBucket> bucket(String id);

    @Query("INSERT INTO known_bucket (id, global_aliases) VALUES (:id, :globalAliases) ON CONFLICT (id) DO UPDATE SET global_aliases = EXCLUDED.global_aliases")
    void upsertBucket(String id, @TypeDef(type = DataType.STRING_ARRAY) String[] globalAliases);

    @Query("DELETE FROM known_bucket WHERE id = :id")
    void deleteBucket(String id);

    @Query("DELETE FROM known_bucket_local_alias WHERE bucket_id = :bucketId")
    void clearLocalAliases(String bucketId);

    @Query("INSERT INTO known_bucket_local_alias (bucket_id, access_key_id, alias) VALUES (:bucketId, :accessKeyId, :alias) ON CONFLICT DO NOTHING")
    void addLocalAlias(String bucketId, String accessKeyId, String alias);

    @Query("SELECT bucket_id, access_key_id, alias FROM known_bucket_local_alias WHERE access_key_id = :accessKeyId ORDER BY bucket_id, alias")
    List<LocalAlias> localAliasesOf(String accessKeyId);

    @Query("SELECT bucket_id, access_key_id, alias FROM known_bucket_local_alias WHERE bucket_id = :bucketId ORDER BY access_key_id, alias")
    List<LocalAlias> localAliasesOn(String bucketId);
}
