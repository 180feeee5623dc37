package dev.steward.identity.license;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** Jidoteki {@code /license}: install a signed license file, read what it grants. */
@dev.steward.common.idempotency.Idempotent
@Controller("/api/v1/admin/license")
@Secured(InternalClaims.ROLE_API)
public class LicenseController {

    private final LicenseService licenses;

    public LicenseController(LicenseService licenses) {
        this.licenses = licenses;
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public LicenseService.LicenseView install(@Nullable @Part("license") byte[] license, Authentication authentication) {
        // A refusal is audited by RefusedRequestAudit, like every refused admin action.
        return licenses.install(license, Actors.from(authentication));
    }

    @Get
    public LicenseService.LicenseView current() {
        return licenses.current();
    }
}
