package dev.steward.cluster.bucket;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BucketRepository extends CrudRepository<Bucket, String> {

    List<Bucket> findAllOrderById();

    /** Locks the bucket so that a concurrent delete and alias change or usage report serialize. */
    @Query("SELECT * FROM bucket WHERE id = :id FOR UPDATE")
    Optional<Bucket> lockById(String id);
}
