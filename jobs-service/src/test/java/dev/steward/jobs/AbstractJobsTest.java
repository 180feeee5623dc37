package dev.steward.jobs;

import dev.steward.jobs.node.KnownNodeRepository;
import dev.steward.testing.AbstractServiceTest;

/** The base of jobs-service's tests: the service against its real database and Kafka. */
public abstract class AbstractJobsTest extends AbstractServiceTest {

    @Override
    protected final String service() {
        return "jobs";
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
