package dev.steward.identity.tls;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.http.JidotekiLog;
import dev.steward.common.outbox.Outbox;
import dev.steward.common.tls.TlsBundle;
import dev.steward.identity.audit.AuditTrail;
import dev.steward.identity.crypto.SecretCipher;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jidoteki {@code /certs}: validates an uploaded certificate, key and CA, stores them (the key
 * sealed with the KEK) and announces them; every gateway then loads and serves them without a
 * restart. A refused upload changes nothing but the update status and log, which say why.
 */
@Singleton
public class TlsService {

    public static final String CERTIFICATE_INSTALLED = EventTypes.type("identity", "TlsCertificateInstalled");
    static final String PURPOSE = "tls-private-key";
    static final String ACTION = "TlsCertificateUpdate";
    static final int LOG_LINES = 10;

    private final TlsRepository repository;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final AuditTrail audit;

    public TlsService(TlsRepository repository, SecretCipher cipher, Outbox outbox, AuditTrail audit) {
        this.repository = repository;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What gateways learn: never the key, which they fetch over the internal API. */
    @Serdeable
    public record CertificateInstalled(String fingerprint, String subject, Instant notAfter) {
    }

    /** The status and the last lines of the log, or nulls before the first update (as Jidoteki ≥ 1.23). */
    @Serdeable
    public record UpdateView(@Nullable String status, @Nullable String log) {
    }

    @Serdeable
    public record ServedCertificate(String certificate, String privateKey, @Nullable String ca, String fingerprint) {
    }

    @Transactional
    public void install(@Nullable String certificatePem, @Nullable String privateKeyPem, @Nullable String caPem, Actor actor) {
        repository.lockStatus();
        List<String> log = new ArrayList<>();
        log.add(JidotekiLog.line("Validating and adding TLS certificates"));
        if (certificatePem == null || certificatePem.isBlank() || privateKeyPem == null || privateKeyPem.isBlank()) {
            throw refuse(log, "public (certificate) and private (key) are both required");
        }
        TlsBundle bundle;
        try {
            bundle = TlsBundle.parse(certificatePem, privateKeyPem, caPem);
        } catch (TlsBundle.InvalidBundleException e) {
            throw refuse(log, e.getMessage());
        }
        Instant now = Instant.now();
        String subject = bundle.leaf().getSubjectX500Principal().getName();
        Instant notAfter = bundle.leaf().getNotAfter().toInstant();
        repository.install(certificatePem, cipher.encrypt(privateKeyPem, PURPOSE), caPem == null || caPem.isBlank() ? null : caPem,
                subject, notAfter, bundle.fingerprint(), now);
        log.add(JidotekiLog.line("Installed " + subject + " (SHA-256 " + bundle.fingerprint() + "), valid until " + notAfter));
        log.add(JidotekiLog.line("Gateways reload the certificate when they read the TlsCertificateInstalled event"));
        repository.setStatus("success", log.toArray(String[]::new), now);
        outbox.append(Topics.IDENTITY_EVENTS, CERTIFICATE_INSTALLED, "tls", "tls/certificate",
                new CertificateInstalled(bundle.fingerprint(), subject, notAfter), actor);
        audit.record(actor, ACTION, "tls/certificate", "succeeded");
    }

    /**
     * A refused upload, recorded in its own transaction (the change itself rolls back): the status
     * shows "failed" and the log says why, as Jidoteki's GET /certs does. The refusal is audited by
     * RefusedRequestAudit, like every refused admin action.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailedUpdate(List<String> log) {
        repository.lockStatus();
        repository.setStatus("failed", lastLines(log).toArray(String[]::new), Instant.now());
    }

    @Snapshot
    public UpdateView status() {
        TlsRepository.UpdateStatus status = repository.status();
        if (status.log().isEmpty()) {
            return new UpdateView(null, null);
        }
        return new UpdateView(status.status(), String.join("\n", lastLines(status.log())));
    }

    @Snapshot
    public Optional<ServedCertificate> served() {
        return repository.installed().map(installed -> new ServedCertificate(installed.certificatePem(),
                cipher.decrypt(installed.privateKeySealed(), PURPOSE), installed.caPem(), installed.fingerprint()));
    }

    private ProblemException refuse(List<String> log, String reason) {
        log.add(JidotekiLog.line("Failed: " + reason));
        return new RefusedUpdate(reason, List.copyOf(log));
    }

    /** Carries the log of a refused update to the controller, which records it after the rollback. */
    static final class RefusedUpdate extends ProblemException {
        final List<String> log;

        RefusedUpdate(String reason, List<String> log) {
            super(IdentityErrorCode.TLS_CERTIFICATE_INVALID, reason);
            this.log = log;
        }
    }

    private static List<String> lastLines(List<String> log) {
        return log.subList(Math.max(0, log.size() - LOG_LINES), log.size());
    }
}
