package dev.steward.jobs.support;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** Jidoteki {@code GET /logs} and {@code GET /debug}: downloads, as the reference names them. */
@Controller("/api/v1/admin")
@Secured(InternalClaims.ROLE_API)
public class SupportController {

    private final SupportService support;

    public SupportController(SupportService support) {
        this.support = support;
    }

    @Get("/logs")
    public HttpResponse<byte[]> logs(Authentication authentication) {
        return download(support.logs(Actors.from(authentication)), "logs.tar.gz");
    }

    @Get("/debug")
    public HttpResponse<byte[]> debug(Authentication authentication) {
        return download(support.debug(Actors.from(authentication)), "debug-bundle.tar");
    }

    private static HttpResponse<byte[]> download(byte[] content, String filename) {
        return HttpResponse.ok(content).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE).header("Filename", filename)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }
}
