package dev.steward.cluster.volume;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface QuotaRepository extends CrudRepository<Quota, Long> {

    List<Quota> findByVolumeIdOrderById(long volumeId);

    Optional<Quota> findByIdAndVolumeId(long id, long volumeId);

    Optional<Quota> findByVolumeIdAndPath(long volumeId, String path);
}
