package dev.steward.common.outbox;

import dev.steward.common.text.Bounded;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves committed outbox rows to Kafka. At-least-once: a crash between the broker's ack and the
 * {@code published_at} update re-sends the batch, which consumers absorb by event id.
 * An advisory lock keeps one replica relaying at a time, so events leave in commit order.
 */
@Singleton
@Requires(classes = {io.micronaut.data.repository.GenericRepository.class, org.apache.kafka.clients.producer.Producer.class})
@Requires(beans = {javax.sql.DataSource.class, OutboxProducer.class})
@Requires(property = "steward.outbox.relay.enabled", notEquals = "false")
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock id shared by all replicas of one service. */
    private static final long RELAY_LOCK = 0x5354455741524400L;
    private static final int BATCH = 200;

    private final OutboxRepository repository;
    private final Producer<String, byte[]> producer;
    private final Duration retention;
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final Executor waker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay-wake");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxRelay(OutboxRepository repository, OutboxProducer producer,
                       OutboxLimits limits) {
        this.repository = repository;
        this.producer = producer.producer();
        this.retention = limits.retention();
    }

    /**
     * Relays now, off the caller's thread, rather than at the next poll: a request that emitted
     * events calls this once it has committed. Wake-ups while a relay runs collapse into one more run.
     */
    public void wake() {
        if (wakeRequested.getAndSet(true)) {
            return;
        }
        waker.execute(() -> {
            wakeRequested.set(false);
            relayPending();
        });
    }

    @Scheduled(fixedDelay = "${steward.outbox.relay.interval:100ms}", initialDelay = "1s")
    synchronized void relayPending() {
        try {
            while (relayBatch() == BATCH) {
                // a full batch means more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay failed, will retry: {}", e.toString());
        }
    }

    /**
     * Sends up to a batch in id order and marks the acknowledged prefix (see {@link RelayOutcome}).
     * An event the broker refuses for good (too large, invalid topic) is set aside with its error,
     * so it cannot jam the events behind it; from the first event that must be retried on, the rest
     * stays queued for the next run, so events never overtake each other.
     *
     * @return how many events left the queue (published or set aside); below a batch when it should pause
     */
    @Transactional
    public int relayBatch() {
        if (!repository.tryRelayLock(RELAY_LOCK)) {
            return 0;
        }
        List<OutboxEvent> batch = repository.findUnpublished(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.messageKey(),
                    event.payload().getBytes(StandardCharsets.UTF_8));
            record.headers().add(new RecordHeader("content-type",
                    "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
            Future<RecordMetadata> ack;
            try {
                ack = producer.send(record);
            } catch (KafkaException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            acks.add(ack);
            Throwable failedAtOnce = failedAlready(ack);
            if (failedAtOnce != null && !isPermanent(failedAtOnce)) {
                // No metadata (broker down, topic not there or not ours): send() waited and answered with a
                // failed future. What follows must not go first, and the broker may be back for it by now.
                break;
            }
        }
        // The whole batch is queued: send it now rather than after the producer's linger.
        producer.flush();
        List<RelayOutcome.Ack> outcomes = new ArrayList<>(batch.size());
        List<Throwable> refusals = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Throwable refusal = i < acks.size() ? awaitAck(acks.get(i)) : null;
            refusals.add(refusal);
            if (i >= acks.size()) {
                outcomes.add(RelayOutcome.Ack.NOT_ACKNOWLEDGED);
            } else if (refusal == null) {
                outcomes.add(RelayOutcome.Ack.ACKNOWLEDGED);
            } else {
                outcomes.add(isPermanent(refusal) ? RelayOutcome.Ack.REFUSED_FOR_GOOD : RelayOutcome.Ack.NOT_ACKNOWLEDGED);
            }
        }
        RelayOutcome.Decision decision = RelayOutcome.decide(outcomes);
        for (int i : decision.setAside()) {
            OutboxEvent event = batch.get(i);
            String error = Bounded.truncate(refusals.get(i).toString(), Bounded.DETAIL);
            repository.markFailed(event.id(), Instant.now(), error);
            LOG.error("Outbox event {} ({} on {}) set aside, Kafka refuses it for good: {}", event.id(), event.eventId(),
                    event.topic(), error);
        }
        if (!decision.published().isEmpty()) {
            repository.markPublished(decision.published().stream().map(i -> batch.get(i).id()).toList(), Instant.now());
        }
        if (decision.retry()) {
            int stoppedAt = decision.leftQueue();
            Throwable why = refusals.get(stoppedAt);
            LOG.warn("Outbox relay: {} of {} events stay queued from event {}, will retry: {}", batch.size() - stoppedAt,
                    batch.size(), batch.get(stoppedAt).id(), why == null ? "not sent after an earlier failure" : why.toString());
            return 0;
        }
        return decision.leftQueue();
    }

    /** Refusals that no retry can change; anything else (broker down, not leader, timeout) is retried. */
    static boolean isPermanent(Throwable refusal) {
        return refusal instanceof RecordTooLargeException || refusal instanceof RecordBatchTooLargeException
                || refusal instanceof InvalidTopicException || refusal instanceof SerializationException;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void deleteOldPublished() {
        int deleted = repository.deletePublishedBefore(Instant.now().minus(retention));
        if (deleted > 0) {
            LOG.info("Deleted {} published outbox events older than {}", deleted, retention);
        }
    }

    /** Why {@code ack} failed if it has already (send() answers some failures at once), else null. */
    private static Throwable failedAlready(Future<RecordMetadata> ack) {
        return ack.isDone() ? awaitAck(ack) : null;
    }

    /** @return null when acknowledged, otherwise why not */
    private static Throwable awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get(30, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing outbox events", e);
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }
}
