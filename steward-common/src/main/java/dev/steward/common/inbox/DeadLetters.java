package dev.steward.common.inbox;

import dev.steward.common.error.Causes;
import dev.steward.common.kafka.TopicInitializer;
import dev.steward.common.outbox.OutboxProducer;
import dev.steward.common.text.Bounded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks poison events: a row in the service's own database (listed and replayed through
 * {@code /steward/v1/dead-letters/<service>}) and a copy on {@code <topic>.dlq} for outside tools,
 * with the consumer and the error in its headers; counted as {@code steward.events.dead.lettered}.
 */
@Singleton
@Requires(beans = javax.sql.DataSource.class)
public class DeadLetters {

    public static final String SUFFIX = ".dlq";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterRepository repository;
    private final @Nullable OutboxProducer producer;
    private final @Nullable TopicInitializer topics;
    private final @Nullable MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public DeadLetters(DeadLetterRepository repository, @Nullable OutboxProducer producer,
                       @Nullable TopicInitializer topics, @Nullable MeterRegistry meters) {
        this.repository = repository;
        this.producer = producer;
        this.topics = topics;
        this.meters = meters;
    }

    /** @throws InfrastructureUnavailableException when the event could not be parked: the listener retries it */
    public void park(String consumer, ConsumerRecord<String, byte[]> record, Throwable failure, int attempts) {
        String error = Bounded.truncate(describe(failure), Bounded.DETAIL);
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        try {
            repository.park(consumer, record.topic(), record.partition(), record.offset(), record.key(), payload, error, attempts,
                    clock.instant());
            publish(consumer, record, payload, error);
        } catch (RuntimeException e) {
            throw new InfrastructureUnavailableException(consumer + " could not park " + where(record) + ": " + e.getMessage(), e);
        }
        if (meters != null) {
            Counter.builder("steward.events.dead.lettered").description("Events parked after their retries")
                    .tag("consumer", consumer).tag("topic", record.topic()).register(meters).increment();
        }
        LOG.error("{} parked {} after {} attempt(s): {}", consumer, where(record), attempts, error);
    }

    public List<DeadLetter> page(@Nullable Long before, int limit) {
        return repository.findPage(before == null ? Long.MAX_VALUE : before, limit);
    }

    public Optional<DeadLetter> find(long id) {
        return repository.findById(id);
    }

    /** @return false when another replay got there first */
    boolean replayed(long id) {
        return repository.markReplayed(id, clock.instant()) == 1;
    }

    void failedAgain(long id, Throwable failure) {
        repository.failedAgain(id, Bounded.truncate(describe(failure), Bounded.DETAIL));
    }

    public long parked() {
        return repository.countParked();
    }

    private void publish(String consumer, ConsumerRecord<String, byte[]> record, byte[] payload, String error) {
        if (producer == null) {
            return;
        }
        String topic = record.topic() + SUFFIX;
        if (topics != null) {
            topics.ensure(topic);
        }
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(topic, null, record.key(), payload, List.<Header>of(
                header("steward-consumer", consumer), header("steward-error", error),
                header("steward-original-topic", record.topic()),
                header("steward-original-partition", Integer.toString(record.partition())),
                header("steward-original-offset", Long.toString(record.offset()))));
        try {
            producer.producer().send(parked).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the dead letter: " + e.getMessage(), e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    /** The failure and up to five of its causes, on one line. */
    static String describe(Throwable failure) {
        return Causes.of(failure).stream().limit(6).map(Throwable::toString)
                .collect(java.util.stream.Collectors.joining("; caused by "));
    }
}
