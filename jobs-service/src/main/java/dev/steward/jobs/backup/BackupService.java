package dev.steward.jobs.backup;

import dev.steward.common.archive.TarArchives;
import dev.steward.common.backup.BackupMessages;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import dev.steward.jobs.job.JobService;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import dev.steward.common.consistency.Snapshot;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jidoteki {@code /backup}: START asks every service for its data on Kafka; each answers with its
 * tables in chunks; when all have, the parts become one {@code backup.tar} (a manifest plus one
 * gzipped JSON document per service), kept in the database until STOP deletes it.
 */
@Singleton
public class BackupService implements JobHandler {

    public static final String KIND = "backup";
    public static final String FORMAT = "steward-backup-1";

    private final JobService jobs;
    private final BackupRepository backups;
    private final Outbox outbox;
    private final JsonMapper json;
    private final BackupSeal seal;
    private final List<String> services;
    private final Duration timeout;

    public BackupService(JobService jobs, BackupRepository backups, Outbox outbox, JsonMapper json, BackupSeal seal,
                         @Value("${steward.jobs.backup.services}") List<String> services,
                         dev.steward.jobs.JobsTimeouts timeouts) {
        this.jobs = jobs;
        this.backups = backups;
        this.outbox = outbox;
        this.json = json;
        this.seal = seal;
        this.services = services.stream().map(String::strip).sorted().toList();
        this.timeout = timeouts.backup();
    }

    @Override
    public String kind() {
        return KIND;
    }

    List<String> services() {
        return services;
    }

    @Transactional
    public Job start(Actor actor) {
        return start(true, actor);
    }

    /**
     * The backup a reboot takes first. Not exclusive itself: the reboot that asks for it holds the
     * exclusive slot (so nothing else starts meanwhile), and it is the backup {@code /backup} then reports.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job startForReboot(Actor actor) {
        return start(false, actor);
    }

    private Job start(boolean exclusive, Actor actor) {
        Job job = jobs.accept(KIND, exclusive, "Starting backup of " + String.join(", ", services), Map.of("services", services), actor);
        outbox.append(Topics.JOBS_BACKUP_REQUESTS, BackupMessages.BACKUP_REQUESTED, job.id().toString(), "job/" + job.id(),
                new BackupMessages.BackupRequested(job.id().toString()), actor);
        return job;
    }

    /** STOP: a running backup is stopped; a finished one's archive is deleted. */
    @Transactional
    public void stop(Actor actor) {
        Job latest = jobs.latest(KIND).orElseThrow(() -> new ProblemException(JobsErrorCode.BACKUP_NOTHING_TO_STOP, "no backup has been made"));
        if (latest.running()) {
            jobs.fail(jobs.lockRunning(latest.id()), null, "Backup stopped", "Backup stopped by " + actor.principal());
            backups.forgetChunks(latest.id());
            return;
        }
        if (backups.archive(latest.id()).filter(archive -> archive.deletedAt() == null).isEmpty()) {
            throw new ProblemException(JobsErrorCode.BACKUP_NOTHING_TO_STOP, "the last backup has no archive to delete");
        }
        backups.deleteArchive(latest.id(), Instant.now());
        jobs.log(latest.id(), "Deleting backup archive (" + actor.principal() + ")");
    }

    @Override
    public void advance(Job job) {
        List<String> complete = backups.completeServices(job.id());
        int percentage = complete.size() * 90 / services.size();
        if (complete.containsAll(services)) {
            assemble(job);
        } else if (job.createdAt().plus(timeout).isBefore(Instant.now())) {
            List<String> missing = new ArrayList<>(services);
            missing.removeAll(complete);
            backups.forgetChunks(job.id());
            jobs.fail(job, null, "Backup failed", "Failed: no data from " + String.join(", ", missing) + " within " + timeout.toMinutes() + " min");
        } else if (percentage > job.percentage()) {
            jobs.progress(job, percentage, "Received " + String.join(", ", complete) + " (" + complete.size() + " of " + services.size() + ")",
                    Map.of("services", complete));
        }
    }

    private void assemble(Job job) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Object> parts = new LinkedHashMap<>();
        for (String service : services) {
            List<BackupRepository.Chunk> chunks = backups.chunks(job.id(), service);
            byte[] part = BackupMessages.join(chunks.stream().map(BackupRepository.Chunk::data).toList());
            String sha256 = Crypto.sha256Hex(part);
            if (!sha256.equals(chunks.get(0).sha256())) {
                backups.forgetChunks(job.id());
                jobs.fail(job, null, "Backup failed", "Failed: the part from " + service + " arrived damaged");
                return;
            }
            files.put(service + ".json.gz", part);
            parts.put(service, Map.of("file", service + ".json.gz", "sha256", sha256, "schemaVersion", chunks.get(0).schemaVersion()));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("created", Instant.now().toString());
        manifest.put("jobId", job.id().toString());
        manifest.put("services", parts);
        Map<String, byte[]> archive = new LinkedHashMap<>();
        try {
            byte[] manifestBytes = json.writeValueAsBytes(manifest);
            archive.put("manifest.json", manifestBytes);
            archive.put(BackupSeal.ENTRY, seal.seal(manifestBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        archive.putAll(files);
        byte[] tar = TarArchives.write(archive, Instant.now().getEpochSecond());
        String sha256 = Crypto.sha256Hex(tar);
        backups.saveArchive(job.id(), tar, sha256, tar.length);
        backups.forgetChunks(job.id());
        jobs.log(job.id(), "Created file: backup.tar - size: " + humanSize(tar.length) + " - hash: " + sha256);
        jobs.succeed(job, "Backup complete", Map.of("filesize", humanSize(tar.length), "sha256", sha256));
    }

    /** GET /backup: running, success (with filesize and sha256) or failed; 404 when there is none. */
    @Snapshot
    public Map<String, Object> status() {
        Job latest = jobs.latest(KIND).orElseThrow(() -> new ProblemException(JobsErrorCode.BACKUP_NOT_FOUND, "no backup has been made"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", latest.status());
        if (Job.SUCCESS.equals(latest.status())) {
            BackupRepository.Archive archive = backups.archive(latest.id()).filter(found -> found.deletedAt() == null)
                    .orElseThrow(() -> new ProblemException(JobsErrorCode.BACKUP_NOT_FOUND, "the last backup was deleted"));
            status.put("filesize", humanSize(archive.size()));
            status.put("sha256", archive.sha256());
        }
        return status;
    }

    @Snapshot
    public byte[] download() {
        return jobs.latest(KIND).filter(job -> Job.SUCCESS.equals(job.status()))
                .flatMap(job -> backups.archiveContent(job.id())).map(BackupRepository.ArchiveContent::content)
                .orElseThrow(() -> new ProblemException(JobsErrorCode.BACKUP_NOT_FOUND, "there is no backup.tar"));
    }

    @Snapshot
    public Optional<Job> latest() {
        return jobs.latest(KIND);
    }

    /** As Jidoteki shows sizes: "128.0K". */
    static String humanSize(long bytes) {
        if (bytes < 1024L * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1fK", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1fM", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.1fG", bytes / (1024.0 * 1024 * 1024));
    }
}
