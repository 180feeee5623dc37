package dev.steward.identity.replay;

import dev.steward.common.error.ProblemException;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The replay memory of all gateways: each signed mutating request's signature may be used once
 * within its validity window, whichever gateway instance it reaches.
 */
@Singleton
public class ReplayService {

    /** Longer than any signature window a gateway would ask for (twice a generous clock skew). */
    static final Duration MAX_WINDOW = Duration.ofHours(1);

    private final UsedSignatureRepository signatures;
    private final Clock clock = Clock.systemUTC();

    public ReplayService(UsedSignatureRepository signatures) {
        this.signatures = signatures;
    }

    /** @return whether this is the signature's first use; a replay is false */
    @Transactional
    public boolean claim(String fingerprint, Instant expiresAt) {
        Instant now = clock.instant();
        if (fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) {
            throw new ProblemException(IdentityErrorCode.SIGNATURE_FINGERPRINT_INVALID, "64 lowercase hexadecimal characters");
        }
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_WINDOW))) {
            throw new ProblemException(IdentityErrorCode.SIGNATURE_FINGERPRINT_INVALID, "expiresAt must be within the next hour");
        }
        return signatures.claim(fingerprint, expiresAt, now) == 1;
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    @Transactional
    void forgetExpired() {
        signatures.deleteExpired(clock.instant());
    }
}
