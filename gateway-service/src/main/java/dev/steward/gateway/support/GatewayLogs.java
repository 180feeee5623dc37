package dev.steward.gateway.support;

import dev.steward.common.backup.BackupMessages;
import dev.steward.common.backup.DatabaseSnapshot;
import dev.steward.common.backup.RecentLogs;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.outbox.OutboxProducer;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Answers jobs-service's log collection (Jidoteki {@code /logs} and {@code /debug}) with this
 * gateway's recent lines, as part {@code gateway-service-<host>-<port>}: every instance answers (its
 * own consumer group), so a bundle holds each gateway's log. The gateway has no database and so no
 * outbox; it sends straight to Kafka, which is enough for lines that change no state: an answer
 * lost to a broker outage leaves this gateway out of one bundle (whose MISSING.txt names
 * "gateway" only when no gateway answered at all).
 */
@KafkaListener(groupId = "gateway-service.logs", uniqueGroupId = true, offsetReset = OffsetReset.LATEST)
public class GatewayLogs {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLogs.class);

    private final EventReader reader;
    private final JsonMapper json;
    private final OutboxProducer producer;
    private final int httpPort;
    private final String source;

    public GatewayLogs(EventReader reader, JsonMapper json, OutboxProducer producer,
                       @Value("${micronaut.server.port}") int httpPort, @Value("${steward.events.source}") String source) {
        this.reader = reader;
        this.json = json;
        this.producer = producer;
        this.httpPort = httpPort;
        this.source = source;
    }

    @Topic(Topics.JOBS_BACKUP_REQUESTS)
    void onRequest(byte[] value) throws IOException {
        CloudEvent request = reader.read(value);
        if (!BackupMessages.LOGS_REQUESTED.equals(request.type())) {
            return;
        }
        String jobId = reader.data(request, BackupMessages.LogsRequested.class).jobId();
        String part = partName();
        byte[] logs = DatabaseSnapshot.gzip(RecentLogs.text().getBytes(StandardCharsets.UTF_8));
        String sha256 = Crypto.sha256Hex(logs);
        List<String> chunks = BackupMessages.chunks(logs);
        try {
            for (int i = 0; i < chunks.size(); i++) {
                CloudEvent answer = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source,
                        EventTypes.type("gateway", BackupMessages.LOGS_CHUNK_READY), "backup/" + jobId + "/" + part,
                        OffsetDateTime.now(ZoneOffset.UTC), "application/json", "service:gateway-service", null, null,
                        reader.tree(new BackupMessages.BackupChunk(jobId, part, "logs", i, chunks.size(), sha256, chunks.get(i))));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.JOBS_BACKUP_PARTS, jobId, json.writeValueAsBytes(answer));
                record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
                producer.producer().send(record).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // Not retried: a late answer would miss the bundle's wait anyway.
            LOG.warn("Could not send this gateway's log lines for collection {}: {}", jobId, e.toString());
        }
    }

    /** Which gateway this is, as a file-name-safe part name: host and plain-HTTP port. */
    String partName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return (BackupMessages.GATEWAY_LOGS_PART_PREFIX + host + "-" + httpPort).replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
