package dev.steward.jobs.reboot;

import dev.steward.common.event.Actor;
import dev.steward.jobs.backup.BackupService;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.task.NodeTasks;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.Map;

/**
 * Jidoteki {@code /reboot} for a cluster: "after performing a system backup", a rolling restart,
 * one node at a time, each node's agent told on Kafka and reporting back, so the cluster keeps its
 * quorum throughout. A reboot whose backup fails restarts nothing.
 */
@Singleton
public class RebootService implements JobHandler {

    public static final String KIND = "reboot";
    static final String ACTION = "reboot";

    private final JobService jobs;
    private final NodeTasks tasks;
    private final BackupService backups;
    private final RebootBackupRepository rebootBackups;

    public RebootService(JobService jobs, NodeTasks tasks, BackupService backups, RebootBackupRepository rebootBackups) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.backups = backups;
        this.rebootBackups = rebootBackups;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Transactional
    public Job accept(Actor actor) {
        Job job = jobs.accept(KIND, true, "Rebooting the cluster, one node at a time", Map.of(), actor);
        Job backup = backups.startForReboot(actor);
        rebootBackups.link(job.id(), backup.id());
        jobs.log(job.id(), "Backing up the system before the reboot (backup job " + backup.id() + ")");
        return job;
    }

    @Override
    public void advance(Job job) {
        RebootBackupRepository.RebootBackup link = rebootBackups.find(job.id()).orElse(null);
        if (link != null && !link.restartsPlanned()) {
            awaitBackup(job, link);
            return;
        }
        NodeTasks.Progress progress = tasks.advance(job, Map.of());
        if (progress instanceof NodeTasks.Progress.Sent sent) {
            jobs.progress(job, sent.done() * 100 / sent.total(), "Restarting node " + sent.nodeId() + " (" + sent.position()
                    + " of " + sent.total() + ")", Map.of("node", sent.nodeId()));
        } else if (progress instanceof NodeTasks.Progress.Done done) {
            jobs.succeed(job, "Rolling restart complete: " + done.total() + " node(s)", Map.of());
        } else if (progress instanceof NodeTasks.Progress.NodeFailed failed) {
            jobs.fail(job, null, "A node did not restart", "Failed restarting node " + failed.nodeId() + ": " + failed.reason());
        }
    }

    /** The first phase: nothing restarts until the backup has succeeded; its failure ends the reboot. */
    private void awaitBackup(Job job, RebootBackupRepository.RebootBackup link) {
        Job backup = jobs.get(link.backupJobId());
        switch (backup.status()) {
            case Job.RUNNING -> {
                // the backup's own runner moves it on
            }
            case Job.SUCCESS -> {
                int nodes = tasks.plan(job.id(), ACTION);
                rebootBackups.restartsPlanned(job.id());
                jobs.progress(job, 0, "Backup complete (backup job " + backup.id() + "); restarting " + nodes + " node(s)",
                        Map.of("backup", backup.id().toString()));
            }
            default -> jobs.fail(job, null, "The backup before the reboot failed",
                    "Failed: the backup before the reboot failed (" + backup.errorMessage() + "); no node was restarted");
        }
    }
}
