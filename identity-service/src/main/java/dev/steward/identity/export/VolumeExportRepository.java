package dev.steward.identity.export;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VolumeExportRepository extends CrudRepository<VolumeExport, Long> {

    List<VolumeExport> findByVolumeIdOrderById(long volumeId);

    Optional<VolumeExport> findByIdAndVolumeId(long id, long volumeId);

    boolean existsByVolumeIdAndNetwork(long volumeId, String network);

    /** The known volumes, locked, so that an export and the volume's deletion cannot interleave. */
    @Query("SELECT EXISTS (SELECT 1 FROM (SELECT id FROM known_volume WHERE id = :volumeId FOR UPDATE) locked)")
    boolean lockVolume(long volumeId);

    @Query("SELECT EXISTS (SELECT 1 FROM known_volume WHERE id = :volumeId)")
    boolean volumeExists(long volumeId);

    @Query("INSERT INTO known_volume (id, name) VALUES (:volumeId, :name) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name")
    void upsertVolume(long volumeId, String name);

    @Query("DELETE FROM known_volume WHERE id = :volumeId")
    void deleteVolume(long volumeId);
}
