package dev.steward.common.backup;

import dev.steward.common.crypto.Crypto;
import dev.steward.common.event.Actor;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import dev.steward.common.outbox.Outbox;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A service's side of backups and restores ({@code steward.backup.service} names it). On a backup
 * request it publishes its tables, in chunks, through its outbox. On a restore it collects its
 * part, checks it, stages it in a prepared transaction and votes; on jobs-service's decision it
 * commits or rolls back. One consumer group per service: one replica handles each message.
 */
@Requires(property = "steward.backup.service")
@Requires(beans = DataSource.class)
@KafkaListener(groupId = "${steward.backup.service}-service.backup", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class BackupParticipant {

    /** Never in a backup: delivery bookkeeping and schema history, not state. */
    static final Set<String> ALWAYS_EXCLUDED = Set.of("flyway_schema_history", "outbox_event", "processed_event", "restore_chunk", "dead_letter");
    private static final Logger LOG = LoggerFactory.getLogger(BackupParticipant.class);

    private final String service;
    private final Inbox.Handler handler;
    private final EventReader reader;
    private final Outbox outbox;
    private final RestoreChunkRepository chunks;
    private final DatabaseSnapshot snapshot;
    private final List<RestoreListener> listeners;

    public BackupParticipant(@Value("${steward.backup.service}") String service,
                             @Value("${steward.backup.excluded-tables:}") List<String> excludedTables,
                             Inbox inbox, EventReader reader, Outbox outbox, RestoreChunkRepository chunks,
                             DataSource dataSource, JsonMapper json, List<RestoreListener> listeners, BackupLimits limits) {
        this.service = service;
        this.listeners = listeners;
        this.handler = inbox.handler(service + "-service.backup", this::apply);
        this.reader = reader;
        this.outbox = outbox;
        this.chunks = chunks;
        Set<String> excluded = new HashSet<>(ALWAYS_EXCLUDED);
        excludedTables.stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(excluded::add);
        // The snapshot needs connections of its own, outside the consuming transaction.
        this.snapshot = new DatabaseSnapshot(DelegatingDataSource.unwrapDataSource(dataSource), json, excluded,
                limits.expandedPartBytes());
    }

    public static String gid(String restoreId, String service) {
        return "steward-restore-" + restoreId + "-" + service;
    }

    @Topic(Topics.JOBS_BACKUP_REQUESTS)
    void onRequest(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }

    private void apply(CloudEvent event) {
        try {
            if (BackupMessages.BACKUP_REQUESTED.equals(event.type())) {
                backUp(reader.data(event, BackupMessages.BackupRequested.class).jobId());
            } else if (BackupMessages.LOGS_REQUESTED.equals(event.type())) {
                String jobId = reader.data(event, BackupMessages.LogsRequested.class).jobId();
                send(BackupMessages.LOGS_CHUNK_READY, jobId, "logs", DatabaseSnapshot.gzip(RecentLogs.text().getBytes(StandardCharsets.UTF_8)));
            } else if (BackupMessages.RESTORE_CHUNK_SENT.equals(event.type())) {
                BackupMessages.RestoreChunk chunk = reader.data(event, BackupMessages.RestoreChunk.class);
                if (chunk.service().equals(service)) {
                    receive(chunk);
                }
            } else if (BackupMessages.RESTORE_DECIDED.equals(event.type())) {
                BackupMessages.RestoreDecided decision = reader.data(event, BackupMessages.RestoreDecided.class);
                boolean finished = snapshot.finish(gid(decision.restoreId(), service), decision.commit());
                if (finished && decision.commit()) {
                    listeners.forEach(listener -> listener.restored(decision.restoreId()));
                }
                LOG.info("Restore {}: {} ({})", decision.restoreId(), decision.commit() ? "committed" : "rolled back",
                        finished ? "done now" : "nothing prepared here");
                answer(BackupMessages.RESTORE_FINISHED, decision.restoreId(),
                        new BackupMessages.RestoreFinished(decision.restoreId(), service, decision.commit()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backup/restore step failed; retried: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void backUp(String jobId) throws SQLException, IOException {
        byte[] part = snapshot.dump(service);
        int count = send(BackupMessages.BACKUP_CHUNK_READY, jobId, snapshot.schemaVersion(), part);
        LOG.info("Backup {}: {} bytes in {} chunk(s)", jobId, part.length, count);
    }

    /** A part as chunks through the outbox; returns how many. */
    private int send(String fact, String jobId, String schemaVersion, byte[] part) {
        String sha256 = Crypto.sha256Hex(part);
        List<String> chunks = BackupMessages.chunks(part);
        for (int i = 0; i < chunks.size(); i++) {
            answer(fact, jobId, new BackupMessages.BackupChunk(jobId, service, schemaVersion, i, chunks.size(), sha256, chunks.get(i)));
        }
        return chunks.size();
    }

    private void receive(BackupMessages.RestoreChunk chunk) throws SQLException {
        String gid = gid(chunk.restoreId(), service);
        chunks.save(chunk.restoreId(), chunk.chunkIndex(), chunk.chunkCount(), chunk.sha256(), chunk.data());
        List<RestoreChunkRepository.Chunk> received = chunks.of(chunk.restoreId());
        if (received.size() < chunk.chunkCount()) {
            return;
        }
        BackupMessages.RestorePrepared vote;
        if (snapshot.isPrepared(gid)) {
            vote = new BackupMessages.RestorePrepared(chunk.restoreId(), service, true, null); // redelivered: already staged
        } else {
            vote = stage(chunk.restoreId(), gid, chunk.sha256(), received.stream().map(RestoreChunkRepository.Chunk::data).toList());
        }
        chunks.forget(chunk.restoreId());
        answer(BackupMessages.RESTORE_PREPARED, chunk.restoreId(), vote);
    }

    private BackupMessages.RestorePrepared stage(String restoreId, String gid, String sha256, List<String> chunks) {
        try {
            byte[] part = BackupMessages.join(chunks);
            if (!Crypto.sha256Hex(part).equals(sha256)) {
                throw new DatabaseSnapshot.InvalidPartException(service + ": the part's sha256 does not match");
            }
            JsonNode document = snapshot.read(service, part);
            snapshot.prepare(gid, document);
            LOG.info("Restore {}: staged and prepared as {}", restoreId, gid);
            return new BackupMessages.RestorePrepared(restoreId, service, true, null);
        } catch (DatabaseSnapshot.InvalidPartException | IllegalArgumentException e) {
            return new BackupMessages.RestorePrepared(restoreId, service, false, e.getMessage());
        } catch (SQLException e) {
            LOG.warn("Restore {}: cannot stage: {}", restoreId, e.getMessage());
            return new BackupMessages.RestorePrepared(restoreId, service, false, service + ": " + e.getMessage());
        }
    }

    private void answer(String fact, String key, Object data) {
        outbox.append(Topics.JOBS_BACKUP_PARTS, EventTypes.type(service, fact), key, "backup/" + key + "/" + service, data,
                Actor.system(service + "-service"));
    }
}
