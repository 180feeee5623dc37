package dev.steward.cluster.bucket;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;

/** Global and local aliases; both live in cluster-service with their buckets. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BucketAliasRepository extends GenericRepository<Bucket, String> {

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    record LocalAlias(String accessKeyId, String alias, String bucketId) {
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    record GlobalAlias(String alias, String bucketId) {
    }

    @Query("SELECT bucket_id FROM bucket_global_alias WHERE alias = :alias")
    Optional<String> bucketOfGlobalAlias(String alias);

    @Query("SELECT alias, bucket_id FROM bucket_global_alias ORDER BY alias")
    List<GlobalAlias> allGlobal();

    @Query("SELECT alias, bucket_id FROM bucket_global_alias WHERE bucket_id = :bucketId ORDER BY alias")
    List<GlobalAlias> globalOf(String bucketId);

    @Query("INSERT INTO bucket_global_alias (alias, bucket_id) VALUES (:alias, :bucketId) ON CONFLICT DO NOTHING")
    int addGlobal(String alias, String bucketId);

    @Query("DELETE FROM bucket_global_alias WHERE alias = :alias AND bucket_id = :bucketId")
    int removeGlobal(String alias, String bucketId);

    @Query("SELECT access_key_id, alias, bucket_id FROM bucket_local_alias ORDER BY access_key_id, alias")
    List<LocalAlias> allLocal();

    @Query("SELECT access_key_id, alias, bucket_id FROM bucket_local_alias WHERE bucket_id = :bucketId ORDER BY access_key_id, alias")
    List<LocalAlias> localOf(String bucketId);

    @Query("SELECT bucket_id FROM bucket_local_alias WHERE access_key_id = :accessKeyId AND alias = :alias")
    Optional<String> bucketOfLocalAlias(String accessKeyId, String alias);

    @Query("INSERT INTO bucket_local_alias (access_key_id, alias, bucket_id) VALUES (:accessKeyId, :alias, :bucketId) ON CONFLICT DO NOTHING")
    int addLocal(String accessKeyId, String alias, String bucketId);

    @Query("DELETE FROM bucket_local_alias WHERE access_key_id = :accessKeyId AND alias = :alias AND bucket_id = :bucketId")
    int removeLocal(String accessKeyId, String alias, String bucketId);

    @Query("SELECT DISTINCT bucket_id FROM bucket_local_alias WHERE access_key_id = :accessKeyId")
    List<String> bucketsWithLocalAliasesOf(String accessKeyId);

    @Query("DELETE FROM bucket_local_alias WHERE access_key_id = :accessKeyId")
    int removeAllLocalOf(String accessKeyId);
}
