package dev.steward.cluster.volume;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VolumeRepository extends CrudRepository<Volume, Long> {

    List<Volume> findAllOrderById();

    Optional<Volume> findByName(String name);

    /** Start, stop and delete of one volume serialize on its row. */
    @Query("SELECT * FROM volume WHERE id = :id FOR UPDATE")
    Optional<Volume> lockById(long id);

    @Query("SELECT * FROM volume WHERE name = :name FOR UPDATE")
    Optional<Volume> lockByName(String name);
}
