package dev.steward.common.backup;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = "steward.backup.service")
public interface RestoreChunkRepository extends GenericRepository<RestoreChunkRepository.Chunk, String> {

    @Introspected
    record Chunk(String restoreId, int chunkIndex, int chunkCount, String sha256, String data) {
    }

    @Query("INSERT INTO restore_chunk (restore_id, chunk_index, chunk_count, sha256, data) VALUES (:restoreId, :chunkIndex, :chunkCount, :sha256, :data) ON CONFLICT DO NOTHING")
    void save(String restoreId, int chunkIndex, int chunkCount, String sha256, String data);

    @Query("SELECT restore_id, chunk_index, chunk_count, sha256, data FROM restore_chunk WHERE restore_id = :restoreId ORDER BY chunk_index")
    List<Chunk> of(String restoreId);

    @Query("DELETE FROM restore_chunk WHERE restore_id = :restoreId")
    void forget(String restoreId);
}
