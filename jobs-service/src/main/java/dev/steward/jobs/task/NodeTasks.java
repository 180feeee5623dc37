package dev.steward.jobs.task;

import dev.steward.common.event.Actor;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.Outbox;
import dev.steward.common.text.Bounded;
import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobService;
import dev.steward.jobs.node.KnownNode;
import dev.steward.jobs.node.KnownNodeRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Rolling per-node work: one task per known node, sent one node at a time on
 * {@code steward.jobs.node-tasks.v1} (key = node id), each ended by the node agent's result on
 * {@code steward.jobs.node-task-results.v1}. One node at a time keeps the cluster's quorum while
 * nodes update or restart.
 */
@Singleton
public class NodeTasks {

    public static final String TASK_REQUESTED = EventTypes.type("jobs", "NodeTaskRequested");
    /** The most lines of one result that go into a job's log. */
    static final int MAX_LOG_LINES = 40;

    private final NodeTaskRepository tasks;
    private final KnownNodeRepository nodes;
    private final Outbox outbox;
    private final JobService jobs;
    private final Duration timeout;

    public NodeTasks(NodeTaskRepository tasks, KnownNodeRepository nodes, Outbox outbox, JobService jobs,
                     dev.steward.jobs.JobsTimeouts timeouts) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.nodes = nodes;
        this.outbox = outbox;
        this.timeout = timeouts.nodeTask();
    }

    /** What a node agent is asked to do. {@code parameters} depend on the action (an update's version and package). */
    @Serdeable
    public record TaskRequested(UUID taskId, UUID jobId, String nodeId, String action, Map<String, Object> parameters) {
    }

    /** Where a rollout stands after a step. */
    public sealed interface Progress {
        record Waiting() implements Progress {
        }

        /** {@code done} nodes have finished; {@code nodeId}, the {@code position}-th of {@code total}, was just asked. */
        record Sent(String nodeId, int position, int done, int total) implements Progress {
        }

        record Done(int total) implements Progress {
        }

        /** {@code errorCode} is what the agent gave (E1000 when an update package's own check failed), or null. */
        record NodeFailed(String nodeId, String reason, @Nullable String errorCode) implements Progress {
        }
    }

    /** The job's tasks, one per node the cluster knows now, in a stable order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int plan(UUID jobId, String action) {
        List<KnownNode> targets = nodes.findAll().stream().sorted(Comparator.comparing(KnownNode::nodeId)).toList();
        for (int i = 0; i < targets.size(); i++) {
            tasks.save(new NodeTask(UUID.randomUUID(), jobId, targets.get(i).nodeId(), i, action, NodeTask.PENDING, null, null, null, null));
        }
        return targets.size();
    }

    /** One step of the rollout: notices a node's end, or sends the next node its task. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Progress advance(Job job, Map<String, Object> parameters) {
        List<NodeTask> all = tasks.findByJobIdOrderByPosition(job.id());
        int done = (int) all.stream().filter(task -> task.status().equals(NodeTask.SUCCESS)).count();
        Optional<NodeTask> current = all.stream().filter(task -> !task.status().equals(NodeTask.SUCCESS)).findFirst();
        if (current.isEmpty()) {
            return new Progress.Done(all.size());
        }
        NodeTask task = current.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        switch (task.status()) {
            case NodeTask.FAILED:
                return new Progress.NodeFailed(task.nodeId(), task.message() == null ? "the node reported a failure" : task.message(),
                        task.errorCode());
            case NodeTask.PENDING:
                tasks.update(new NodeTask(task.id(), task.jobId(), task.nodeId(), task.position(), task.action(), NodeTask.SENT, null, now, null, null));
                outbox.append(Topics.JOBS_NODE_TASKS, TASK_REQUESTED, task.nodeId(), "job/" + job.id() + "/node/" + task.nodeId(),
                        new TaskRequested(task.id(), job.id(), task.nodeId(), task.action(), parameters),
                        new Actor(job.requestedBy(), job.clientIp()));
                return new Progress.Sent(task.nodeId(), task.position() + 1, done, all.size());
            default:
                if (task.sentAt() != null && task.sentAt().plus(timeout).isBefore(now)) {
                    String reason = "the node's agent sent no result within " + describe(timeout);
                    tasks.update(new NodeTask(task.id(), task.jobId(), task.nodeId(), task.position(), task.action(), NodeTask.FAILED,
                            reason, task.sentAt(), now, null));
                    return new Progress.NodeFailed(task.nodeId(), reason, null);
                }
                return new Progress.Waiting();
        }
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    /**
     * An agent's result; only a task that is waiting for one changes, so redeliveries and late
     * duplicates do nothing. The lines the agent sent (a failed check's output, a storage log) go
     * into the job's log, each prefixed with the node, at most {@link #MAX_LOG_LINES} of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<NodeTask> complete(UUID taskId, String nodeId, boolean succeeded, String message, @Nullable String errorCode,
                                       List<String> log) {
        Optional<NodeTask> completed = tasks.findById(taskId)
                .filter(task -> task.nodeId().equals(nodeId) && task.status().equals(NodeTask.SENT))
                .map(task -> tasks.update(new NodeTask(task.id(), task.jobId(), task.nodeId(), task.position(), task.action(),
                        succeeded ? NodeTask.SUCCESS : NodeTask.FAILED, Bounded.truncate(message, Bounded.DETAIL), task.sentAt(),
                        Instant.now().truncatedTo(ChronoUnit.MICROS), succeeded ? null : errorCode)));
        completed.ifPresent(task -> log.stream().limit(MAX_LOG_LINES)
                .forEach(line -> jobs.log(task.jobId(), "node " + shortId(nodeId) + ": " + Bounded.truncate(line, 500))));
        return completed;
    }

    private static String shortId(String nodeId) {
        return nodeId.length() > 16 ? nodeId.substring(0, 16) : nodeId;
    }

    public List<NodeTask> of(UUID jobId) {
        return tasks.findByJobIdOrderByPosition(jobId);
    }
}
