package dev.steward.jobs.job;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the running jobs of every replica. Each tick it takes (or renews) leases on running jobs
 * and advances each one step. A replica that dies (kill -9) stops renewing; when its leases lapse,
 * another replica, or the restarted one, takes the jobs over and continues from their last
 * committed step.
 */
@Singleton
@Requires(property = "steward.jobs.runner.enabled", notEquals = "false")
public class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobRepository jobs;
    private final JobService jobService;
    private final Map<String, JobHandler> handlers;
    private final Duration lease;
    private final String owner = "jobs-" + UUID.randomUUID().toString().substring(0, 8);

    public JobRunner(JobRepository jobs, JobService jobService, List<JobHandler> handlers,
                     dev.steward.jobs.JobsTimeouts timeouts) {
        this.jobs = jobs;
        this.jobService = jobService;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.lease = timeouts.lease();
    }

    @Scheduled(fixedDelay = "${steward.jobs.tick:500ms}", initialDelay = "1s")
    void tick() {
        for (UUID id : claim()) {
            try {
                advance(id);
            } catch (RuntimeException e) {
                LOG.error("Job {} failed a step; it will be retried", id, e);
            }
        }
    }

    /** Takes the claimable running jobs for one lease period; notes in a job's log when it is taken over. */
    @Transactional
    List<UUID> claim() {
        Instant now = Instant.now();
        List<Job> claimed = jobs.claimable(owner, now);
        for (Job job : claimed) {
            if (job.leaseOwner() != null && !job.leaseOwner().equals(owner)) {
                jobService.log(job.id(), "Resuming: " + job.leaseOwner() + " stopped running this job, " + owner + " continues");
            }
            jobs.lease(job.id(), owner, now.plus(lease));
        }
        return claimed.stream().map(Job::id).toList();
    }

    @Transactional
    void advance(UUID id) {
        jobs.lock(id).filter(Job::running).filter(job -> owner.equals(job.leaseOwner())).ifPresent(job -> {
            JobHandler handler = handlers.get(job.kind());
            if (handler == null) {
                jobService.fail(job, null, "No handler for " + job.kind() + " jobs", "Failed: this jobs-service cannot run " + job.kind() + " jobs");
                return;
            }
            handler.advance(job);
        });
    }
}
