package dev.steward.common.outbox;

import dev.steward.common.consistency.EmittedEvents;
import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.trace.Traceparent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records an event in the caller's transaction, so the state change and its event commit together or
 * not at all; {@link OutboxRelay} publishes it afterwards.
 */
@Singleton
@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
public class Outbox {

    private final OutboxRepository repository;
    private final EventReader events;
    private final JsonMapper jsonMapper;
    private final String source;
    private final Clock clock;
    private final int maxEventBytes;

    public Outbox(OutboxRepository repository, EventReader events, JsonMapper jsonMapper,
                  @Value("${steward.events.source}") String source, OutboxLimits limits) {
        this.repository = repository;
        this.maxEventBytes = limits.maxEventBytes();
        this.events = events;
        this.jsonMapper = jsonMapper;
        this.source = source;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param key Kafka record key: events of one aggregate share it, so they stay ordered on one partition
     * @throws ProblemException (413) when the event would be larger than Kafka takes: the caller's
     *         transaction rolls back, so the change is refused whole rather than jamming the relay later
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(String topic, String type, String key, @Nullable String subject, Object data, Actor actor) {
        Instant now = clock.instant();
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type,
                subject, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), "application/json",
                actor.principal(), actor.clientIp(), Traceparent.current().orElse(null), events.tree(data));
        byte[] payload = serialize(event);
        if (payload.length > maxEventBytes) {
            throw new ProblemException(CommonErrorCode.PAYLOAD_TOO_LARGE, "the change would publish a " + type + " event of "
                    + payload.length + " bytes; events are limited to " + maxEventBytes + " bytes");
        }
        repository.save(new OutboxEvent(null, event.id(), topic, key, new String(payload, StandardCharsets.UTF_8), now, null, null, null));
        EmittedEvents.record(topic, event.id());
        return event;
    }

    private byte[] serialize(CloudEvent event) {
        try {
            return jsonMapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
