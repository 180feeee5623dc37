package dev.steward.identity.tls;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TlsRepository extends GenericRepository<TlsRepository.InstalledCertificate, Short> {

    @Introspected
    record InstalledCertificate(String certificatePem, String privateKeySealed, @Nullable String caPem, String subject,
                                Instant notAfter, String fingerprint, Instant installedAt) {
    }

    @Introspected
    record UpdateStatus(String status, @TypeDef(type = DataType.STRING_ARRAY) List<String> log, Instant updatedAt) {
    }

    @Query("SELECT certificate_pem, private_key_sealed, ca_pem, subject, not_after, fingerprint, installed_at FROM tls_certificate WHERE id = 1")
    Optional<InstalledCertificate> installed();

    @Query("""
            INSERT INTO tls_certificate (id, certificate_pem, private_key_sealed, ca_pem, subject, not_after, fingerprint, installed_at)
            VALUES (1, :certificatePem, :privateKeySealed, :caPem, :subject, :notAfter, :fingerprint, :installedAt)
            ON CONFLICT (id) DO UPDATE SET certificate_pem = EXCLUDED.certificate_pem, private_key_sealed = EXCLUDED.private_key_sealed,
              ca_pem = EXCLUDED.ca_pem, subject = EXCLUDED.subject, not_after = EXCLUDED.not_after,
              fingerprint = EXCLUDED.fingerprint, installed_at = EXCLUDED.installed_at""")
    void install(String certificatePem, String privateKeySealed, @Nullable String caPem, String subject, Instant notAfter,
                 String fingerprint, Instant installedAt);

    @Query("SELECT status, log, updated_at FROM tls_update WHERE id = 1")
    UpdateStatus status();

    /** Taken by every update, so that only one runs at a time across identity-service replicas. */
    @Query("SELECT status, log, updated_at FROM tls_update WHERE id = 1 FOR UPDATE")
    UpdateStatus lockStatus();

    @Query("UPDATE tls_update SET status = :status, log = :log, updated_at = :updatedAt WHERE id = 1")
    void setStatus(String status, @TypeDef(type = DataType.STRING_ARRAY) String[] log, Instant updatedAt);
}
