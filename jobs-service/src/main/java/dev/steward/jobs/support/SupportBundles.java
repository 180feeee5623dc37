package dev.steward.jobs.support;

import dev.steward.common.archive.ArchiveLimitException;
import dev.steward.common.archive.BoundedGzip;
import dev.steward.common.backup.BackupMessages;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.jobs.JobsLimits;
import dev.steward.jobs.backup.BackupRepository;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobService;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Collects every service's recent log lines for a support bundle: asks on Kafka (as for a backup),
 * waits a few seconds for the answers and returns what arrived, naming the services that did not
 * answer. Each collection is a short job, so it shows in the job history and on the event feed.
 * Gateways answer too, one part per instance; how many run is not known here, so once the services
 * and at least one gateway have answered, the others get a short grace to answer as well.
 */
@Singleton
public class SupportBundles {

    private final JobService jobs;
    private final BackupRepository parts;
    private final Outbox outbox;
    private final List<String> services;
    private final Duration wait;
    private final Duration gatewayGrace;
    private final long expandedPartBytes;

    public SupportBundles(JobService jobs, BackupRepository parts, Outbox outbox, JobsLimits limits,
                          @Value("${steward.jobs.backup.services}") List<String> services,
                          dev.steward.jobs.JobsTimeouts timeouts) {
        this.jobs = jobs;
        this.parts = parts;
        this.outbox = outbox;
        this.services = services.stream().map(String::strip).sorted().toList();
        this.wait = timeouts.support();
        this.gatewayGrace = timeouts.supportGatewayGrace();
        this.expandedPartBytes = limits.expandedPartBytes();
    }

    /** What a collection brought back: each answering service's log text, and who did not answer. */
    public record Collected(UUID jobId, Map<String, String> logs, List<String> missing) {
    }

    public Collected collect(String kind, Actor actor) {
        Job job = begin(kind, actor);
        Instant deadline = Instant.now().plus(wait);
        List<String> complete = parts.completeServices(job.id());
        while (!(complete.containsAll(services) && hasGateway(complete)) && Instant.now().isBefore(deadline) && pause(100)) {
            complete = parts.completeServices(job.id());
        }
        if (hasGateway(complete) && pause(gatewayGrace.toMillis())) {
            complete = parts.completeServices(job.id());
        }
        Map<String, String> logs = new LinkedHashMap<>();
        for (String service : complete) {
            byte[] part = BackupMessages.join(parts.chunks(job.id(), service).stream().map(BackupRepository.Chunk::data).toList());
            try {
                logs.put(service, new String(BoundedGzip.gunzip(part, expandedPartBytes), StandardCharsets.UTF_8));
            } catch (ArchiveLimitException e) {
                logs.put(service, "(" + service + "'s log lines were not readable: " + e.getMessage() + ")");
            }
        }
        List<String> missing = new ArrayList<>(services);
        missing.removeAll(complete);
        if (!hasGateway(complete)) {
            missing.add("gateway");
        }
        end(job.id(), logs.keySet(), missing);
        return new Collected(job.id(), logs, missing);
    }

    /** Whether a gateway's part is among {@code complete} (gateway parts are named by instance). */
    private static boolean hasGateway(List<String> complete) {
        return complete.stream().anyMatch(part -> part.startsWith(BackupMessages.GATEWAY_LOGS_PART_PREFIX));
    }

    /** @return false when interrupted: stop waiting */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Transactional
    Job begin(String kind, Actor actor) {
        Job job = jobs.accept(kind, false, "Collecting recent logs of " + String.join(", ", services), Map.of(), actor);
        outbox.append(Topics.JOBS_BACKUP_REQUESTS, BackupMessages.LOGS_REQUESTED, job.id().toString(), "job/" + job.id(),
                new BackupMessages.LogsRequested(job.id().toString()), actor);
        return job;
    }

    @Transactional
    void end(UUID jobId, java.util.Collection<String> answered, List<String> missing) {
        parts.forgetChunks(jobId);
        Job job = jobs.lockRunning(jobId);
        jobs.succeed(job, "Collected logs of " + String.join(", ", answered)
                + (missing.isEmpty() ? "" : "; no answer from " + String.join(", ", missing)), Map.of("missing", missing));
    }
}
