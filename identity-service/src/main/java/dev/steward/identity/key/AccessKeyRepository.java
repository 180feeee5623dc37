package dev.steward.identity.key;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccessKeyRepository extends CrudRepository<AccessKey, String> {

    List<AccessKey> findAllOrderById();

    Optional<AccessKey> findByName(String name);

    /** GetKeyInfo ?search=: an exact name, or a prefix of the id. */
    @Query("SELECT * FROM access_key WHERE name = :pattern OR id LIKE :idPrefix ESCAPE '\\' ORDER BY (name = :pattern) DESC, id LIMIT 1")
    Optional<AccessKey> search(String pattern, String idPrefix);
}
