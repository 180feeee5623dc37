package dev.steward.jobs.backup;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.http.JidotekiAccepted;
import dev.steward.common.security.Actors;
import dev.steward.common.security.InternalClaims;
import dev.steward.jobs.JobsLimits;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.upload.Uploads;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Jidoteki {@code /backup}: START/STOP, status, download, log, and the synchronous restore. */
@dev.steward.common.idempotency.Idempotent
@Controller("/api/v1/admin/backup")
@Secured(InternalClaims.ROLE_API)
public class BackupController {

    static final String LOCATION = "/api/v1/admin/backup";

    private final BackupService backups;
    private final RestoreService restores;
    private final JobService jobs;
    private final Duration restoreWait;

    private final JobsLimits limits;

    public BackupController(BackupService backups, RestoreService restores, JobService jobs, JobsLimits limits,
                            dev.steward.jobs.JobsTimeouts timeouts) {
        this.limits = limits;
        this.backups = backups;
        this.restores = restores;
        this.jobs = jobs;
        this.restoreWait = timeouts.restoreWait();
    }

    @Post
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    public HttpResponse<Map<String, String>> action(@Nullable @Part("action") String action, Authentication authentication) {
        Actor actor = Actors.from(authentication);
        if ("START".equals(action)) {
            backups.start(actor);
        } else if ("STOP".equals(action)) {
            backups.stop(actor);
        } else {
            throw new ProblemException(JobsErrorCode.BACKUP_ACTION_INVALID, "got " + action);
        }
        return JidotekiAccepted.at(LOCATION);
    }

    @Get
    public Map<String, Object> status() {
        return backups.status();
    }

    @Secured(InternalClaims.ROLE_ADMIN)
    @Get("/download")
    public HttpResponse<byte[]> download() {
        return HttpResponse.ok(backups.download()).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Filename", "backup.tar").header("Content-Disposition", "attachment; filename=\"backup.tar\"");
    }

    @Get("/log")
    public HttpResponse<String> log() {
        Job latest = backups.latest().orElseThrow(() -> new ProblemException(JobsErrorCode.JOB_LOG_NOT_FOUND, "no backup has been made"));
        return HttpResponse.ok(String.join("\n", jobs.logLines(latest.id())) + "\n").contentType(MediaType.TEXT_PLAIN_TYPE);
    }

    /** Synchronous, as the reference says: answers when every service has committed, or rolled back. */
    @Secured(InternalClaims.ROLE_ADMIN)
    @Post("/restore")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, String> restore(@Nullable @Part("archive") CompletedFileUpload archive, Authentication authentication)
            throws InterruptedException, IOException {
        Job job;
        try (InputStream in = Uploads.open(archive, limits.restoreArchive(), "archive")) {
            job = restores.start(in, Actors.from(authentication));
        }
        Instant deadline = Instant.now().plus(restoreWait);
        while (Instant.now().isBefore(deadline)) {
            Job current = jobs.get(job.id());
            if (Job.SUCCESS.equals(current.status())) {
                return Map.of("Status", "200 OK");
            }
            if (Job.FAILED.equals(current.status())) {
                throw new ProblemException(JobsErrorCode.RESTORE_REFUSED, current.errorMessage());
            }
            Thread.sleep(200);
        }
        throw new ProblemException(JobsErrorCode.RESTORE_STILL_RUNNING, "follow /steward/v1/jobs/" + job.id());
    }
}
