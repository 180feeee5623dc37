package dev.steward.identity.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditEntry, Long> {

    @Query("SELECT * FROM audit_entry WHERE id < :beforeId ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> findPage(long beforeId, int limit);

    List<AuditEntry> findByEventId(String eventId);

    List<AuditEntry> findByTarget(String target);
}
