package dev.steward.identity.tls;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.http.JidotekiAccepted;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.identity.error.IdentityErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Jidoteki {@code /certs}: upload the TLS certificate, key and CA; read the update's status and log. */
@dev.steward.common.idempotency.Idempotent
@Controller
public class TlsController {

    static final String LOCATION = "/api/v1/admin/certs";

    private final TlsService tls;

    public TlsController(TlsService tls) {
        this.tls = tls;
    }

    @Post(LOCATION)
    @Secured(InternalClaims.ROLE_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<Map<String, String>> upload(@Nullable @Part("public") byte[] certificate, @Nullable @Part("private") byte[] privateKey,
                                                    @Nullable @Part("ca") byte[] ca, Authentication authentication) {
        Actor actor = Actors.from(authentication);
        try {
            tls.install(text(certificate), text(privateKey), text(ca), actor);
        } catch (TlsService.RefusedUpdate refused) {
            tls.recordFailedUpdate(refused.log);
            throw refused;
        }
        return JidotekiAccepted.at(LOCATION);
    }

    @Get(LOCATION)
    @Secured(InternalClaims.ROLE_API)
    public TlsService.UpdateView status() {
        return tls.status();
    }

    /** The certificate and key for the gateways to serve; not routed from outside. */
    @Get("/internal/v1/tls")
    @Secured(InternalClaims.ROLE_SERVICE)
    public TlsService.ServedCertificate served() {
        return tls.served().orElseThrow(() -> new ProblemException(IdentityErrorCode.TLS_NOT_INSTALLED,
                "no certificate has been uploaded: gateways serve a self-signed one"));
    }

    private static String text(@Nullable byte[] part) {
        return part == null ? null : new String(part, StandardCharsets.UTF_8);
    }
}
