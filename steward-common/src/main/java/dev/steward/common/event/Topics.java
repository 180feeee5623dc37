package dev.steward.common.event;

/**
 * Steward's public topics. Versioned in the name: a breaking change to an event goes to a new
 * topic ({@code .v2}) while the old one keeps being written for a deprecation period.
 */
public final class Topics {

    private Topics() {
    }

    public static final String CLUSTER_EVENTS = "steward.cluster.events.v1";
    public static final String IDENTITY_EVENTS = "steward.identity.events.v1";
    public static final String JOBS_EVENTS = "steward.jobs.events.v1";
    /** Per-node work for node agents (update rollouts, rolling reboots), published by jobs-service's outbox. */
    public static final String JOBS_NODE_TASKS = "steward.jobs.node-tasks.v1";
    /** Written by node agents: the outcome of a node task. */
    public static final String JOBS_NODE_TASK_RESULTS = "steward.jobs.node-task-results.v1";
    /** jobs-service to the services that own data: backup requests, restore chunks, restore decisions. */
    public static final String JOBS_BACKUP_REQUESTS = "steward.jobs.backup-requests.v1";
    /** The services' answers: backup chunks, restore votes and outcomes. */
    public static final String JOBS_BACKUP_PARTS = "steward.jobs.backup-parts.v1";
    /** Written by node agents directly (not through an outbox): liveness beats of storage nodes. */
    public static final String CLUSTER_HEARTBEATS = "steward.cluster.heartbeats.v1";
    /** Written by node agents directly: what each node holds per bucket and volume directory, in parts per scan. */
    public static final String CLUSTER_NODE_USAGE = "steward.cluster.node-usage.v1";
}
