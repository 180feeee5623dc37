package dev.steward.jobs.update;

import dev.steward.common.crypto.Crypto;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.task.NodeTasks;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Jidoteki {@code /update}: checks the package (E1003 missing, E1005 unreadable, E1001 version,
 * E1004 another exclusive job running), then rolls it out node by node as tasks on Kafka; when
 * every node has reported success the system's version, changelog and build change.
 */
@Singleton
public class UpdateService implements JobHandler {

    public static final String KIND = "update";
    static final String ACTION = "update";
    /** Jidoteki's "There was an error during the update process": a node failed or did not answer. */
    static final String ROLLOUT_FAILED = "E1002";
    /** Jidoteki's "There was a scripting error in the update script": the package's check.sh failed on a node. */
    static final String SCRIPT_FAILED = "E1000";

    private final JobService jobs;
    private final NodeTasks tasks;
    private final ReleaseRepository releases;
    private final JsonMapper json;
    private final byte[] updateKey;
    private final String installedVersion;

    public UpdateService(JobService jobs, NodeTasks tasks, ReleaseRepository releases, JsonMapper json,
                         @Nullable @Value("${steward.jobs.update-key:}") String updateKey,
                         @Value("${steward.version}") String installedVersion) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.releases = releases;
        this.json = json;
        this.updateKey = updateKey == null || updateKey.isBlank() ? null : key(updateKey);
        this.installedVersion = installedVersion;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Transactional
    public Job accept(@Nullable byte[] sealed, Actor actor) {
        List<String> log = new ArrayList<>();
        log.add("Updating system. Please wait..");
        // Busy first (E1004): a request while an update runs is answered so whatever it carries.
        jobs.ensureNoExclusiveJobRunning();
        if (sealed == null || sealed.length == 0) {
            throw refuse(log, new ProblemException(JobsErrorCode.UPDATE_PACKAGE_MISSING, "send the package as the 'update' part"), actor);
        }
        if (updateKey == null) {
            throw refuse(log, new ProblemException(JobsErrorCode.UPDATE_PACKAGE_UNREADABLE,
                    "this installation has no update key (steward.jobs.update-key)"), actor);
        }
        UpdatePackage.Contents contents;
        try {
            contents = UpdatePackage.open(updateKey, sealed, json);
        } catch (UpdatePackage.UnreadableException e) {
            throw refuse(log, new ProblemException(JobsErrorCode.UPDATE_PACKAGE_UNREADABLE, e.getMessage()), actor);
        } catch (UpdatePackage.VersionException e) {
            throw refuse(log, new ProblemException(JobsErrorCode.UPDATE_VERSION_INVALID, e.getMessage()), actor);
        }
        UpdatePackage.Manifest manifest = contents.manifest();
        String current = currentVersion();
        if (Versions.compare(manifest.version(), current) <= 0) {
            throw refuse(log, new ProblemException(JobsErrorCode.UPDATE_VERSION_INVALID,
                    "version " + manifest.version() + " is not newer than the installed " + current), actor);
        }
        if (manifest.requires() != null && Versions.compare(current, manifest.requires()) < 0) {
            throw refuse(log, new ProblemException(JobsErrorCode.UPDATE_VERSION_INVALID,
                    "the package requires version " + manifest.requires() + " or later; " + current + " is installed"), actor);
        }
        Job job = jobs.accept(KIND, true, "Updating system from " + current + " to " + manifest.version() + ". Please wait..",
                Map.of("version", manifest.version(), "from", current), actor);
        String sha256 = Crypto.sha256Hex(sealed);
        releases.savePackage(job.id(), manifest.version(), manifest.builddate(), contents.changelog(), sha256, sealed);
        int nodes = tasks.plan(job.id(), ACTION);
        jobs.log(job.id(), "Package " + sha256 + " verified; rolling out to " + nodes + " node(s), one at a time");
        return job;
    }

    /** One step of a running update: the next node, or the end. */
    @Override
    public void advance(Job job) {
        ReleaseRepository.StoredPackage stored = releases.findPackage(job.id()).orElseThrow();
        Map<String, Object> parameters = Map.of("version", stored.version(), "sha256", stored.sha256(),
                "package", "/steward/v1/update-packages/" + job.id());
        NodeTasks.Progress progress = tasks.advance(job, parameters);
        if (progress instanceof NodeTasks.Progress.Sent sent) {
            jobs.progress(job, sent.done() * 100 / sent.total(),
                    "Updating node " + sent.nodeId() + " (" + sent.position() + " of " + sent.total() + ")",
                    Map.of("version", stored.version(), "node", sent.nodeId()));
        } else if (progress instanceof NodeTasks.Progress.Done done) {
            releases.install(stored.version(), stored.builddate(), stored.changelog(), job.id(), Instant.now());
            jobs.succeed(job, "Updating system successful: version " + stored.version() + " on " + done.total() + " node(s)",
                    Map.of("version", stored.version()));
        } else if (progress instanceof NodeTasks.Progress.NodeFailed failed) {
            boolean scriptFailed = SCRIPT_FAILED.equals(failed.errorCode());
            jobs.fail(job, scriptFailed ? SCRIPT_FAILED : ROLLOUT_FAILED,
                    scriptFailed ? "There was a scripting error in the update script." : "There was an error during the update process",
                    "Failed updating node " + failed.nodeId() + ": " + failed.reason());
        }
    }

    private String currentVersion() {
        return releases.current().map(ReleaseRepository.Release::version).orElse(installedVersion);
    }

    private ProblemException refuse(List<String> log, ProblemException reason, Actor actor) {
        jobs.recordRefused(KIND, log, reason, actor);
        return reason;
    }

    private static byte[] key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("steward.jobs.update-key must be base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("steward.jobs.update-key must be 32 bytes (base64 of openssl rand 32)");
        }
        return key;
    }
}
