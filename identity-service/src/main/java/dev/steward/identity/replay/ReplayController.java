package dev.steward.identity.replay;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.InternalClaims;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** For gateways only: "has this signature been used?", answered once for all of them. Not routed from outside. */
@Controller("/internal/v1/used-signatures")
@Secured(InternalClaims.ROLE_SERVICE)
public class ReplayController {

    private final ReplayService replays;

    public ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @Serdeable
    public record SignatureUse(@Nullable String fingerprint, @Nullable Instant expiresAt) {
    }

    /** 201 for the first use; 409 SIGNATURE_ALREADY_USED for a replay. */
    @Post
    public HttpResponse<Void> claim(@Body SignatureUse use) {
        if (!replays.claim(use.fingerprint(), use.expiresAt())) {
            throw new ProblemException(IdentityErrorCode.SIGNATURE_ALREADY_USED, "this signed request was already presented");
        }
        return HttpResponse.status(HttpStatus.CREATED);
    }
}
