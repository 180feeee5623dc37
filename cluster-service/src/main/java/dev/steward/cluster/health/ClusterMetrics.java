package dev.steward.cluster.health;

import dev.steward.common.metrics.DatabaseGauges;
import dev.steward.common.metrics.MetricsSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster as operators alert on it, from the same computation as {@code /v0/health}:
 * {@code steward_cluster_nodes{state="up"|"down"}} (known nodes), {@code steward_cluster_storage_nodes_down}
 * (nodes with a storage role that are down), {@code steward_cluster_partitions_without_quorum} (any
 * above 0 means writes to those partitions fail) and {@code steward_cluster_healthy} (1 Healthy,
 * 0.5 Degraded, 0 Unavailable).
 */
@Context
@Requires(beans = MeterRegistry.class)
public class ClusterMetrics extends DatabaseGauges {

    private static final ClusterHealth UNKNOWN = null;

    private final HealthService health;
    private final AtomicReference<ClusterHealth> last = new AtomicReference<>(UNKNOWN);

    public ClusterMetrics(HealthService health, MeterRegistry meters, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                          MetricsSettings settings) {
        super(scheduler, settings);
        this.health = health;
        gauge(meters, "steward.cluster.nodes", "Known nodes by liveness", h -> h.connectedNodes(), "state", "up");
        gauge(meters, "steward.cluster.nodes", "Known nodes by liveness", h -> h.knownNodes() - h.connectedNodes(), "state", "down");
        gauge(meters, "steward.cluster.storage.nodes.down", "Nodes with a storage role that are down",
                h -> h.storageNodes() - h.storageNodesOk());
        gauge(meters, "steward.cluster.partitions.without.quorum", "Partitions with fewer than a quorum of their replicas up",
                h -> h.partitions() - h.partitionsQuorum());
        gauge(meters, "steward.cluster.healthy", "1 Healthy, 0.5 Degraded, 0 Unavailable",
                h -> ClusterHealth.HEALTHY.equals(h.status()) ? 1 : ClusterHealth.DEGRADED.equals(h.status()) ? 0.5 : 0);
        start();
    }

    private void gauge(MeterRegistry meters, String name, String description, java.util.function.ToDoubleFunction<ClusterHealth> value,
                       String... tags) {
        Gauge.builder(name, last, held -> held.get() == null ? Double.NaN : value.applyAsDouble(held.get()))
                .description(description).tags(tags).register(meters);
    }

    @Override
    protected void refresh() {
        last.set(health.health());
    }

    @Override
    protected void unknown() {
        last.set(UNKNOWN);
    }

    @PreDestroy
    @Override
    public void close() {
        super.close();
    }
}
