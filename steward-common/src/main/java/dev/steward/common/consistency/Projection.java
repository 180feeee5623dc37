package dev.steward.common.consistency;

import java.util.Set;

/**
 * A consumer whose effect clients read back (a projection of another service's state, such as the
 * buckets identity knows of). The gateway waits for these, and only these, before answering a
 * mutation whose events they consume; bookkeeping consumers (the audit trail) are not awaited.
 * A Kafka listener declares itself one by extending this with its consumer name and topics.
 */
public abstract class Projection {

    private final String consumer;
    private final Set<String> topics;

    protected Projection(String consumer, String... topics) {
        this.consumer = consumer;
        this.topics = Set.of(topics);
    }

    /** The consumer name the projection marks processed events under. */
    public final String consumer() {
        return consumer;
    }

    public final Set<String> topics() {
        return topics;
    }
}
