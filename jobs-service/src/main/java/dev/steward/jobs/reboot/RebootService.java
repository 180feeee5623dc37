package dev.steward.jobs.reboot;

import dev.steward.common.event.Actor;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.task.NodeTasks;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.Map;

/**
 * Jidoteki {@code /reboot} for a cluster: a rolling restart, one node at a time, each node's agent
 * told on Kafka and reporting back, so the cluster keeps its quorum throughout.
 */
@Singleton
public class RebootService implements JobHandler {

    public static final String KIND = "reboot";
    static final String ACTION = "reboot";

    private final JobService jobs;
    private final NodeTasks tasks;

    public RebootService(JobService jobs, NodeTasks tasks) {
        this.jobs = jobs;
        this.tasks = tasks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Transactional
    public Job accept(Actor actor) {
        Job job = jobs.accept(KIND, true, "Rebooting the cluster, one node at a time", Map.of(), actor);
        jobs.log(job.id(), "Restarting " + tasks.plan(job.id(), ACTION) + " node(s)");
        return job;
    }

    @Override
    public void advance(Job job) {
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
}
