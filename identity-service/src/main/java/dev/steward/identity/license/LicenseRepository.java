package dev.steward.identity.license;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LicenseRepository extends GenericRepository<LicenseRepository.InstalledLicense, Short> {

    @Introspected
    record InstalledLicense(String app, int users, LocalDate expires, String name, String contact, Instant installedAt) {
    }

    @Query("SELECT app, users, expires, name, contact, installed_at FROM license WHERE id = 1")
    Optional<InstalledLicense> installed();

    @Query("""
            INSERT INTO license (id, license_file, app, users, expires, name, contact, installed_at)
            VALUES (1, :licenseFile, :app, :users, :expires, :name, :contact, :installedAt)
            ON CONFLICT (id) DO UPDATE SET license_file = EXCLUDED.license_file, app = EXCLUDED.app, users = EXCLUDED.users,
              expires = EXCLUDED.expires, name = EXCLUDED.name, contact = EXCLUDED.contact, installed_at = EXCLUDED.installed_at""")
    void install(String licenseFile, String app, int users, LocalDate expires, String name, String contact, Instant installedAt);

    /** Serializes key creation while a limit applies, so that concurrent creations cannot overshoot it. */
    @Query("SELECT pg_advisory_xact_lock(hashtext('license-key-limit')) IS NOT NULL")
    boolean lockKeyLimit();

    @Query("SELECT count(*) FROM access_key")
    long countKeys();
}
