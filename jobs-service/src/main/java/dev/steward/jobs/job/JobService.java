package dev.steward.jobs.job;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.http.JidotekiLog;
import dev.steward.common.outbox.Outbox;
import dev.steward.jobs.error.JobsErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of a job: accepted (written with its event before the 202 goes out), progressing, and
 * ended, each step logged and published through the outbox on {@code steward.jobs.events.v1}.
 */
@Singleton
public class JobService {

    static final int STATUS_LOG_LINES = 10;

    private final JobRepository jobs;
    private final JobLogRepository logs;
    private final Outbox outbox;

    public JobService(JobRepository jobs, JobLogRepository logs, Outbox outbox) {
        this.jobs = jobs;
        this.logs = logs;
        this.outbox = outbox;
    }

    /**
     * A new running job. Exclusive jobs (update, reboot, backup, restore) exclude each other across
     * every jobs-service replica: the database's unique index lets exactly one be running.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job accept(String kind, boolean exclusive, String message, Map<String, Object> details, Actor actor) {
        if (exclusive) {
            checkNoExclusiveJobRunning();
        }
        Instant now = now();
        Job job;
        try {
            job = jobs.save(new Job(UUID.randomUUID(), kind, Job.RUNNING, exclusive, 0, null, null, actor.principal(),
                    actor.clientIp(), null, null, now, now, null));
        } catch (DataAccessException e) {
            if (exclusive && String.valueOf(e.getMessage()).contains("job_one_exclusive_running")) {
                throw alreadyRunning(); // another replica won the race between the check and the insert
            }
            throw e;
        }
        log(job.id(), message);
        publish(JobEvents.JOB_ACCEPTED, job, message, details, actor);
        return job;
    }

    /** Refuses early, before an exclusive job's request is even checked, when one is running (E1004). */
    @Snapshot
    public void ensureNoExclusiveJobRunning() {
        checkNoExclusiveJobRunning();
    }

    private void checkNoExclusiveJobRunning() {
        if (jobs.existsByStatusAndExclusive(Job.RUNNING, true)) {
            throw alreadyRunning();
        }
    }

    /** A request refused before it became a running job (a bad package ...): recorded as a failed job, as Jidoteki shows it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Job recordRefused(String kind, List<String> messages, ProblemException reason, Actor actor) {
        Instant now = now();
        Job job = jobs.save(new Job(UUID.randomUUID(), kind, Job.FAILED, false, 0, reason.code().referenceCode(), reason.code().title(),
                actor.principal(), actor.clientIp(), null, null, now, now, now));
        messages.forEach(message -> log(job.id(), message));
        log(job.id(), "Failed: " + reason.getMessage());
        publish(JobEvents.JOB_FAILED, job, reason.getMessage(), Map.of(), actor);
        return job;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Job progress(Job job, int percentage, String message, Map<String, Object> details) {
        Job updated = jobs.update(new Job(job.id(), job.kind(), Job.RUNNING, job.exclusive(), percentage, null, null, job.requestedBy(),
                job.clientIp(), job.leaseOwner(), job.leaseUntil(), job.createdAt(), now(), null));
        log(job.id(), message);
        publish(JobEvents.JOB_PROGRESSED, updated, message, details, actorOf(job));
        return updated;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Job succeed(Job job, String message, Map<String, Object> details) {
        Instant now = now();
        Job done = jobs.update(new Job(job.id(), job.kind(), Job.SUCCESS, job.exclusive(), 100, null, null, job.requestedBy(),
                job.clientIp(), null, null, job.createdAt(), now, now));
        log(job.id(), message);
        publish(JobEvents.JOB_SUCCEEDED, done, message, details, actorOf(job));
        return done;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Job fail(Job job, @Nullable String errorCode, String errorMessage, String message) {
        Instant now = now();
        Job failed = jobs.update(new Job(job.id(), job.kind(), Job.FAILED, job.exclusive(), job.percentage(), errorCode, errorMessage,
                job.requestedBy(), job.clientIp(), null, null, job.createdAt(), now, now));
        log(job.id(), message);
        publish(JobEvents.JOB_FAILED, failed, message, Map.of(), actorOf(job));
        return failed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void log(UUID jobId, String message) {
        logs.append(jobId, now(), JidotekiLog.line(message));
    }

    /** The job, locked, for a change outside its runner (a STOP). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job lockRunning(UUID id) {
        return jobs.lock(id).filter(Job::running).orElseThrow(() -> new ProblemException(JobsErrorCode.JOB_NOT_FOUND, "job " + id + " has ended"));
    }

    /**
     * The job {@code GET /update} (or {@code /backup}) and its log report: a running job stays the
     * status while requests refused meanwhile are recorded beside it.
     */
    @Snapshot
    public Optional<Job> latest(String kind) {
        return jobs.reported(kind);
    }

    @Snapshot
    public Job get(UUID id) {
        return jobs.findById(id).orElseThrow(() -> new ProblemException(JobsErrorCode.JOB_NOT_FOUND, "no job " + id));
    }

    @Snapshot
    public List<Job> list(@Nullable String kind, int limit) {
        return jobs.latest(kind, limit);
    }

    @Snapshot
    public List<String> logLines(UUID jobId) {
        return logs.lines(jobId);
    }

    @Snapshot
    public List<String> lastLines(UUID jobId) {
        return logs.lastLines(jobId, STATUS_LOG_LINES);
    }

    private void publish(String type, Job job, String message, Map<String, Object> details, Actor actor) {
        outbox.append(Topics.JOBS_EVENTS, type, job.id().toString(), "job/" + job.id(), new JobEvents.JobState(job.id(), job.kind(),
                job.status(), job.percentage(), message, details, job.errorCode(), job.errorMessage()), actor);
    }

    private static Actor actorOf(Job job) {
        return new Actor(job.requestedBy(), job.clientIp());
    }

    private static ProblemException alreadyRunning() {
        return new ProblemException(JobsErrorCode.JOB_ALREADY_RUNNING, "wait for the running job to end (GET its status) and try again");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
