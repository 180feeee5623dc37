package dev.steward.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long jobs-service waits for others, in one place ({@code steward.jobs.timeouts}; docs/limits.md).
 *
 * @param nodeTask            a node's agent that sends no result on its task within this fails the job
 *                            ({@code STEWARD_JOBS_NODE_TASK_TIMEOUT})
 * @param lease               a runner's lease on a job; one not renewed for this long is taken over
 * @param backup              every service must send its backup part within this
 * @param restoreVote         a restore rolls back when a service's vote is still missing after this
 * @param restoreWait         how long {@code POST /backup/restore} waits for the restore's outcome
 * @param support             how long {@code /logs} and {@code /debug} wait for the services' log lines
 * @param supportGatewayGrace once a gateway answered, how long the others still have
 */
@ConfigurationProperties("steward.jobs.timeouts")
public record JobsTimeouts(@Bindable(defaultValue = "10m") Duration nodeTask,
                           @Bindable(defaultValue = "10s") Duration lease,
                           @Bindable(defaultValue = "5m") Duration backup,
                           @Bindable(defaultValue = "2m") Duration restoreVote,
                           @Bindable(defaultValue = "3m") Duration restoreWait,
                           @Bindable(defaultValue = "10s") Duration support,
                           @Bindable(defaultValue = "500ms") Duration supportGatewayGrace) {
}
