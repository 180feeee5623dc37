package dev.steward.jobs.backup;

import dev.steward.common.archive.ArchiveLimitException;
import dev.steward.common.archive.BoundedGzip;
import dev.steward.common.archive.TarArchives;
import dev.steward.common.backup.BackupMessages;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.jobs.JobsLimits;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import dev.steward.jobs.job.JobService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Jidoteki {@code /backup/restore}, all services or none: the archive is checked here first; then
 * each service receives its part over Kafka, stages it in a PREPAREd transaction and votes. Only if
 * every service voted yes does jobs-service decide "commit"; otherwise every prepared transaction
 * is rolled back. The decision is stored before it is sent, so a crash on either side ends the same way.
 */
@Singleton
public class RestoreService implements JobHandler {

    public static final String KIND = "restore";

    private final JobService jobs;
    private final BackupRepository backups;
    private final Outbox outbox;
    private final JsonMapper json;
    private final BackupSeal seal;
    private final List<String> services;
    private final Duration voteTimeout;

    private final JobsLimits limits;

    public RestoreService(JobService jobs, BackupRepository backups, Outbox outbox, JsonMapper json, BackupService backupService,
                          BackupSeal seal, JobsLimits limits,
                          dev.steward.jobs.JobsTimeouts timeouts) {
        this.limits = limits;
        this.jobs = jobs;
        this.backups = backups;
        this.outbox = outbox;
        this.json = json;
        this.seal = seal;
        this.services = backupService.services();
        this.voteTimeout = timeouts.restoreVote();
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Checks the archive (read as a stream, within {@link JobsLimits}) and starts the restore;
     * nothing is touched when the archive is not right.
     *
     * @param archive the archive, or null when the request had no {@code archive} part
     */
    @Transactional
    public Job start(@Nullable InputStream archive, Actor actor) {
        if (archive == null) {
            throw invalid("send the backup archive as the 'archive' part");
        }
        MessageDigest digest = Crypto.sha256();
        DigestInputStream hashed = new DigestInputStream(archive, digest);
        Map<String, byte[]> parts = check(hashed);
        try {
            hashed.transferTo(OutputStream.nullOutputStream()); // tar padding after the end marker: hash the whole file
        } catch (IOException e) {
            throw invalid("the archive could not be read to its end: " + e.getMessage());
        }
        Job job = jobs.accept(KIND, true, "Restoring " + String.join(", ", parts.keySet()) + " from a backup archive ("
                + HexFormat.of().formatHex(digest.digest()) + ")", Map.of("services", List.copyOf(parts.keySet())), actor);
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            String sha256 = Crypto.sha256Hex(part.getValue());
            List<String> chunks = BackupMessages.chunks(part.getValue());
            for (int i = 0; i < chunks.size(); i++) {
                outbox.append(Topics.JOBS_BACKUP_REQUESTS, BackupMessages.RESTORE_CHUNK_SENT, job.id().toString(), "job/" + job.id(),
                        new BackupMessages.RestoreChunk(job.id().toString(), part.getKey(), i, chunks.size(), sha256, chunks.get(i)), actor);
            }
        }
        return job;
    }

    Map<String, byte[]> check(InputStream archive) {
        Map<String, byte[]> files;
        try {
            files = TarArchives.read(archive, limits.archives());
        } catch (ArchiveLimitException e) {
            throw invalid(e.getMessage());
        }
        byte[] manifestBytes = files.get("manifest.json");
        if (manifestBytes == null) {
            throw invalid("the archive has no manifest.json");
        }
        if (!seal.verifies(manifestBytes, files.get(BackupSeal.ENTRY))) {
            // Only archives this installation wrote restore: a self-consistent one made elsewhere could plant any rows.
            throw invalid("the archive is not sealed by this installation (" + BackupSeal.ENTRY
                    + " does not match); to restore another installation's backup, give this one its STEWARD_BACKUP_KEY");
        }
        JsonNode manifest;
        try {
            manifest = json.readValue(manifestBytes, JsonNode.class);
        } catch (IOException e) {
            throw invalid("manifest.json is not JSON");
        }
        if (manifest == null || !manifest.isObject() || manifest.get("format") == null
                || !BackupService.FORMAT.equals(manifest.get("format").getStringValue()) || manifest.get("services") == null) {
            throw invalid("manifest.json is not a " + BackupService.FORMAT + " manifest");
        }
        TreeSet<String> listed = new TreeSet<>();
        manifest.get("services").entries().forEach(entry -> listed.add(entry.getKey()));
        if (!listed.equals(new TreeSet<>(services))) {
            throw invalid("the archive holds " + listed + "; a restore needs exactly " + services);
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (String service : services) {
            JsonNode entry = manifest.get("services").get(service);
            JsonNode file = entry.get("file");
            JsonNode sha256 = entry.get("sha256");
            byte[] part = file == null || !file.isString() ? null : files.get(file.getStringValue());
            if (part == null || sha256 == null || !sha256.isString()) {
                throw invalid("the part of " + service + " is missing");
            }
            if (!Crypto.sha256Hex(part).equals(sha256.getStringValue())) {
                throw invalid("the part of " + service + " does not match its sha256");
            }
            try {
                BoundedGzip.gunzip(part, limits.expandedPartBytes());
            } catch (ArchiveLimitException e) {
                throw invalid("the part of " + service + " " + e.getMessage());
            }
            parts.put(service, part);
        }
        return parts;
    }

    /** Collects votes, decides once, then waits for every service to have applied the decision. */
    @Override
    public void advance(Job job) {
        List<BackupRepository.Vote> votes = backups.votes(job.id());
        var decision = backups.decision(job.id());
        if (decision.isEmpty()) {
            List<String> refusals = votes.stream().filter(vote -> Boolean.FALSE.equals(vote.prepared()))
                    .map(vote -> vote.reason() == null ? vote.service() + " refused" : vote.reason()).toList();
            long prepared = votes.stream().filter(vote -> Boolean.TRUE.equals(vote.prepared())).count();
            if (!refusals.isEmpty()) {
                decide(job, false, "Rolling back everywhere: " + String.join("; ", refusals));
            } else if (prepared == services.size()) {
                decide(job, true, "Every service has staged its data: committing everywhere");
            } else if (job.createdAt().plus(voteTimeout).isBefore(Instant.now())) {
                List<String> silent = new ArrayList<>(services);
                votes.stream().filter(vote -> vote.prepared() != null).forEach(vote -> silent.remove(vote.service()));
                decide(job, false, "Rolling back everywhere: no answer from " + String.join(", ", silent));
            }
            return;
        }
        if (votes.stream().filter(BackupRepository.Vote::finished).count() < services.size()) {
            return;
        }
        if (decision.get()) {
            jobs.succeed(job, "Restore complete", Map.of("services", services));
        } else {
            String reasons = votes.stream().filter(vote -> Boolean.FALSE.equals(vote.prepared()))
                    .map(vote -> vote.reason() == null ? vote.service() + " refused" : vote.reason()).reduce((a, b) -> a + "; " + b)
                    .orElse("a service did not answer in time");
            jobs.fail(job, null, reasons, "Restore rolled back: nothing was changed");
        }
    }

    private void decide(Job job, boolean commit, String message) {
        backups.decide(job.id(), commit, Instant.now());
        outbox.append(Topics.JOBS_BACKUP_REQUESTS, BackupMessages.RESTORE_DECIDED, job.id().toString(), "job/" + job.id(),
                new BackupMessages.RestoreDecided(job.id().toString(), commit), new Actor(job.requestedBy(), job.clientIp()));
        jobs.progress(job, 50, message, Map.of("commit", commit));
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(JobsErrorCode.BACKUP_ARCHIVE_INVALID, detail);
    }
}
