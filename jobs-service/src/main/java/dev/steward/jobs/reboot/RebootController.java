package dev.steward.jobs.reboot;

import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.jobs.job.Job;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;

/** Jidoteki {@code GET /reboot}: 202 as the reference answers, plus a Location where the job can be followed. */
@Controller("/api/v1/admin/reboot")
@Secured(InternalClaims.ROLE_API)
public class RebootController {

    private final RebootService reboots;

    public RebootController(RebootService reboots) {
        this.reboots = reboots;
    }

    @Get
    public HttpResponse<Map<String, String>> reboot(Authentication authentication) {
        Job job = reboots.accept(Actors.from(authentication));
        return HttpResponse.<Map<String, String>>accepted().header("Location", "/steward/v1/jobs/" + job.id())
                .body(Map.of("Status", "202 Accepted"));
    }
}
