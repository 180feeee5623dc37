package dev.steward.common.inbox;

import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.trace.TracePropagation;
import dev.steward.common.trace.Traceparent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Applies an event's effect at most once per consumer: the processed-event mark and the effect
 * commit in one transaction, so a redelivered event (after a crash before the offset commit, or a
 * relay re-send) finds its mark and changes nothing.
 */
@Singleton
@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = javax.sql.DataSource.class)
public class IdempotentConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final ProcessedEventRepository processed;
    private final EventReader reader;
    private final Tracer tracer;

    public IdempotentConsumer(ProcessedEventRepository processed, EventReader reader, Tracer tracer) {
        this.processed = processed;
        this.reader = reader;
        this.tracer = tracer;
    }

    /**
     * Reads a record value as a CloudEvent and applies {@code effect} once. Listeners reach this
     * through {@link Inbox}, which parks what cannot be read or applied.
     *
     * @return true when the effect ran
     * @throws EventReader.MalformedEventException when the record is not a CloudEvent
     */
    @Transactional
    public boolean consume(String consumer, byte[] value, Consumer<CloudEvent> effect) {
        CloudEvent event = reader.read(value);
        // A consumer span in the trace of the request that caused the event (its traceparent), current while
        // the effect runs, so events the effect appends carry the same trace on.
        Span span = tracer.spanBuilder(consumer + " " + event.type()).setParent(Traceparent.parent(event.traceparent()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", event.id())
                .startSpan();
        try (Scope current = TracePropagation.enter(Context.current().with(span))) {
            if (processed.markProcessed(consumer, event.id()) == 0) {
                LOG.debug("{} skipped redelivered event {}", consumer, event.id());
                span.setAttribute("steward.redelivered", true);
                return false;
            }
            effect.accept(event);
            return true;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
