package dev.steward.common.inbox;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ProblemException;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where a Kafka listener hands its records: each is applied once ({@link IdempotentConsumer}); an
 * effect that fails is retried with backoff ({@link EventRetry}) and then parked
 * ({@link DeadLetters}), so one bad event never stops its partition. A failure of the
 * infrastructure is not the event's fault: it leaves as {@link InfrastructureUnavailableException}
 * and the listener re-polls the same record until the database or Kafka is back.
 */
@Singleton
@Requires(beans = javax.sql.DataSource.class)
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final IdempotentConsumer idempotent;
    private final DeadLetters deadLetters;
    private final EventRetry retry;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    public Inbox(IdempotentConsumer idempotent, DeadLetters deadLetters, EventRetry retry) {
        this.idempotent = idempotent;
        this.deadLetters = deadLetters;
        this.retry = retry;
    }

    /** Registers a consumer's effect under its name; the name is also what its parked events are replayed to. */
    public Handler handler(String consumer, Consumer<CloudEvent> effect) {
        Handler handler = new Handler(consumer, effect);
        if (handlers.putIfAbsent(consumer, handler) != null) {
            throw new IllegalStateException("two consumers named " + consumer);
        }
        return handler;
    }

    /**
     * Applies a parked event again, once. {@code applied} is false when the consumer had meanwhile
     * applied it (a redelivery); a failure leaves it parked with the new error.
     */
    public ReplayOutcome replay(long id) {
        DeadLetter letter = deadLetters.find(id)
                .orElseThrow(() -> new ProblemException(CommonErrorCode.NOT_FOUND, "no dead letter " + id));
        if (letter.replayedAt() != null) {
            throw new ProblemException(CommonErrorCode.DEAD_LETTER_REPLAYED, "dead letter " + id + " was replayed at " + letter.replayedAt());
        }
        Handler handler = handlers.get(letter.consumer());
        if (handler == null) {
            throw new ProblemException(CommonErrorCode.DEAD_LETTER_REPLAY_FAILED, "no consumer " + letter.consumer() + " in this service");
        }
        boolean applied;
        try {
            applied = idempotent.consume(letter.consumer(), letter.payload(), handler.effect);
        } catch (RuntimeException e) {
            deadLetters.failedAgain(id, e);
            throw new ProblemException(CommonErrorCode.DEAD_LETTER_REPLAY_FAILED,
                    "dead letter " + id + " failed again: " + DeadLetters.describe(e));
        }
        if (!deadLetters.replayed(id)) {
            throw new ProblemException(CommonErrorCode.DEAD_LETTER_REPLAYED, "dead letter " + id + " was replayed meanwhile");
        }
        LOG.info("{} replayed dead letter {} ({})", letter.consumer(), id, applied ? "applied" : "had been applied already");
        return new ReplayOutcome(id, letter.consumer(), applied);
    }

    @io.micronaut.serde.annotation.Serdeable
    public record ReplayOutcome(long id, String consumer, boolean applied) {
    }

    /** One consumer's entry point; call {@link #deliver} from the {@code @Topic} method. */
    public final class Handler {

        private final String consumer;
        private final Consumer<CloudEvent> effect;

        private Handler(String consumer, Consumer<CloudEvent> effect) {
            this.consumer = consumer;
            this.effect = effect;
        }

        public void deliver(ConsumerRecord<String, byte[]> record) {
            for (int attempt = 1; ; attempt++) {
                try {
                    idempotent.consume(consumer, record.value(), effect);
                    return;
                } catch (RuntimeException e) {
                    if (InfrastructureFailures.isTransient(e)) {
                        throw new InfrastructureUnavailableException(consumer + " cannot apply " + DeadLetters.where(record)
                                + " now: " + e.getMessage(), e);
                    }
                    // An unreadable event can never become readable: no point in waiting for it.
                    if (attempt >= retry.attempts() || e instanceof EventReader.MalformedEventException) {
                        deadLetters.park(consumer, record, e, attempt);
                        return;
                    }
                    LOG.warn("{} failed on {} (attempt {} of {}), retrying: {}", consumer, DeadLetters.where(record), attempt,
                            retry.attempts(), e.toString());
                    pause(attempt);
                }
            }
        }

        private void pause(int attempt) {
            try {
                Thread.sleep(retry.backoffAfter(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureUnavailableException(consumer + " interrupted while retrying", e);
            }
        }
    }
}
