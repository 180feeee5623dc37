package dev.steward.jobs;

import dev.steward.jobs.node.KnownNodeRepository;
import dev.steward.testing.AbstractServiceTest;

/** The base of jobs-service's tests: the service against its real database and Kafka. */
public abstract class AbstractJobsTest extends AbstractServiceTest {

    @Override
    protected final String service() {
        return "jobs";
    }

    /**
     * Announces real agents as cluster-service does after a connect they proved (cluster-service is
     * not part of these tests), and waits until jobs-service knows their nodes.
     */
    protected static void announce(KnownNodeRepository knownNodes, java.util.List<dev.steward.testing.NodeAgentProcess> agents) {
        for (dev.steward.testing.NodeAgentProcess agent : agents) {
            dev.steward.testing.KafkaTestClient.send(dev.steward.common.event.Topics.CLUSTER_EVENTS, agent.nodeId(),
                    dev.steward.testing.TestEvents.nodeConnected(java.util.UUID.randomUUID().toString(), agent.nodeId(),
                            "127.0.0.1:" + agent.port(), java.time.OffsetDateTime.now()));
        }
        dev.steward.testing.Eventually.await(java.time.Duration.ofSeconds(30),
                () -> agents.stream().allMatch(agent -> knownNodes.existsById(agent.nodeId())), known -> known,
                "jobs-service to learn the agents' nodes");
    }

    /** Drops the nodes other test classes announced on the shared topic, so a rollout covers only {@code ours}. */
    protected static void keepOnly(KnownNodeRepository knownNodes, java.util.Collection<String> ours) {
        knownNodes.findAll().forEach(node -> {
            if (!ours.contains(node.nodeId())) {
                knownNodes.deleteById(node.nodeId());
            }
        });
    }
}
