package dev.steward.common.audit;

import dev.steward.common.event.Actor;
import dev.steward.common.outbox.Outbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * For services whose audit trail is kept elsewhere (identity-service's): a refusal is published like
 * a change, through the outbox onto the service's event topic ({@code steward.audit.refused-requests.topic}).
 */
@Singleton
@Requires(property = OutboxRefusedRequestRecorder.TOPIC_PROPERTY)
public class OutboxRefusedRequestRecorder implements RefusedRequestRecorder {

    static final String TOPIC_PROPERTY = "steward.audit.refused-requests.topic";
    /** One key for all refusals: they concern no aggregate, and on one partition they stay in order. */
    static final String KEY = "refused-requests";

    private final Outbox outbox;
    private final String topic;

    public OutboxRefusedRequestRecorder(Outbox outbox, @Value("${" + TOPIC_PROPERTY + "}") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Actor actor, RefusedRequest refused) {
        outbox.append(topic, RefusedRequest.EVENT_TYPE, KEY, refused.path(), refused, actor);
    }
}
