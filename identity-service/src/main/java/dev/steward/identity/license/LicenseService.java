package dev.steward.identity.license;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Jidoteki {@code /license}: installs a license file signed by the vendor (verified with the
 * configured Ed25519 public key) and enforces what it grants: {@code users} is the number of access
 * keys this installation may hold, and once the license has expired no new key is created
 * (existing keys keep working: storage must not stop). Without a license,
 * {@code steward.license.unlicensed-users} applies (no limit when unset).
 */
@Singleton
public class LicenseService {

    public static final String LICENSE_INSTALLED = EventTypes.type("identity", "LicenseInstalled");
    static final String ACTION = "LicenseUpdate";
    /** The reference's format: "19 January 2038". */
    static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final LicenseRepository licenses;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final PublicKey vendorKey;
    private final Integer unlicensedUsers;
    private final Clock clock = Clock.systemUTC();

    public LicenseService(LicenseRepository licenses, Outbox outbox, AuditTrail audit, JsonMapper json,
                          @Nullable @Value("${steward.license.public-key:}") String publicKey,
                          @Nullable @Value("${steward.license.unlicensed-users:}") String unlicensedUsers) {
        this.licenses = licenses;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.vendorKey = publicKey == null || publicKey.isBlank() ? null : LicenseFile.publicKey(publicKey);
        this.unlicensedUsers = unlicensedUsers == null || unlicensedUsers.isBlank() ? null : Integer.valueOf(unlicensedUsers.strip());
    }

    @Serdeable
    public record LicenseView(String app, int users, String expires, String name, String contact) {

        static LicenseView of(String app, int users, LocalDate expires, String name, String contact) {
            return new LicenseView(app, users, EXPIRES.format(expires), name, contact);
        }
    }

    @Serdeable
    public record LicenseInstalled(String app, int users, LocalDate expires, String name) {
    }

    @Transactional
    public LicenseView install(@Nullable byte[] file, Actor actor) {
        if (file == null || file.length == 0) {
            throw new ProblemException(IdentityErrorCode.LICENSE_INVALID, "send the license file as the 'license' part");
        }
        if (vendorKey == null) {
            throw new ProblemException(IdentityErrorCode.LICENSE_INVALID,
                    "this installation has no license public key (steward.license.public-key), so no license can be verified");
        }
        LicenseFile license;
        try {
            license = LicenseFile.verify(new String(file, StandardCharsets.UTF_8), vendorKey, json);
        } catch (LicenseFile.InvalidLicenseException e) {
            throw new ProblemException(IdentityErrorCode.LICENSE_INVALID, e.getMessage());
        }
        if (license.expires().isBefore(today())) {
            throw new ProblemException(IdentityErrorCode.LICENSE_ALREADY_EXPIRED, "this license expired on " + EXPIRES.format(license.expires()));
        }
        licenses.install(new String(file, StandardCharsets.UTF_8), license.app(), license.users(), license.expires(), license.name(),
                license.contact(), Instant.now());
        outbox.append(Topics.IDENTITY_EVENTS, LICENSE_INSTALLED, "license", "license",
                new LicenseInstalled(license.app(), license.users(), license.expires(), license.name()), actor);
        audit.record(actor, ACTION, "license", "succeeded");
        return LicenseView.of(license.app(), license.users(), license.expires(), license.name(), license.contact());
    }

    @Snapshot
    public LicenseView current() {
        return licenses.installed()
                .map(installed -> LicenseView.of(installed.app(), installed.users(), installed.expires(), installed.name(), installed.contact()))
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.LICENSE_NOT_INSTALLED, "no license has been installed"));
    }

    /** Called in the transaction that creates a key, before it does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ensureRoomForAnotherKey() {
        var installed = licenses.installed();
        if (installed.isPresent() && installed.get().expires().isBefore(today())) {
            throw new ProblemException(IdentityErrorCode.LICENSE_EXPIRED,
                    "the license expired on " + EXPIRES.format(installed.get().expires()) + ": no new keys until a new one is installed");
        }
        Integer limit = installed.map(LicenseRepository.InstalledLicense::users).orElse(unlicensedUsers);
        if (limit == null) {
            return;
        }
        licenses.lockKeyLimit();
        long keys = licenses.countKeys();
        if (keys >= limit) {
            throw new ProblemException(IdentityErrorCode.LICENSE_LIMIT_REACHED, (installed.isPresent() ? "the license allows " : "unlicensed, ")
                    + limit + " keys and " + keys + " exist");
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
