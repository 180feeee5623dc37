package dev.steward.jobs.update;

import dev.steward.common.error.ProblemException;
import dev.steward.common.http.JidotekiAccepted;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.jobs.JobsLimits;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.job.JobViews;
import dev.steward.jobs.upload.Uploads;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Jidoteki {@code /update}, {@code /update/log}, and the package download for node agents. */
@dev.steward.common.idempotency.Idempotent
@Controller
public class UpdateController {

    static final String LOCATION = "/api/v1/admin/update";

    private final UpdateService updates;
    private final JobService jobs;
    private final ReleaseRepository releases;

    private final JobsLimits limits;

    public UpdateController(UpdateService updates, JobService jobs, ReleaseRepository releases, JobsLimits limits) {
        this.limits = limits;
        this.updates = updates;
        this.jobs = jobs;
        this.releases = releases;
    }

    @Post(LOCATION)
    @Secured(InternalClaims.ROLE_API)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<Map<String, String>> update(@Nullable @Part("update") CompletedFileUpload sealed, Authentication authentication) {
        updates.accept(Uploads.read(sealed, limits.updatePackage(), "update"), Actors.from(authentication));
        return JidotekiAccepted.at(LOCATION);
    }

    @Get(LOCATION)
    @Secured(InternalClaims.ROLE_API)
    public Map<String, Object> status() {
        Job latest = jobs.latest(UpdateService.KIND).orElse(null);
        return JobViews.jidotekiStatus(latest, latest == null ? List.of() : jobs.lastLines(latest.id()));
    }

    @Get(LOCATION + "/log")
    @Secured(InternalClaims.ROLE_API)
    public HttpResponse<String> log() {
        Job latest = jobs.latest(UpdateService.KIND)
                .orElseThrow(() -> new ProblemException(JobsErrorCode.JOB_LOG_NOT_FOUND, "no update has run yet"));
        return HttpResponse.ok(String.join("\n", jobs.logLines(latest.id())) + "\n").contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    /** The package a node agent was told to install, still encrypted (agents hold the update key). */
    @Get("/steward/v1/update-packages/{jobId}")
    @Secured(InternalClaims.ROLE_API)
    public HttpResponse<byte[]> download(@PathVariable UUID jobId) {
        byte[] content = releases.packageContent(jobId).map(ReleaseRepository.PackageContent::content)
                .orElseThrow(() -> new ProblemException(JobsErrorCode.UPDATE_PACKAGE_NOT_FOUND, "no package for job " + jobId));
        return HttpResponse.ok(content).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"update-" + jobId + ".enc\"");
    }
}
