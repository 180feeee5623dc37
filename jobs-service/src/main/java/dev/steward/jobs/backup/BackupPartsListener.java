package dev.steward.jobs.backup;

import dev.steward.common.backup.BackupMessages;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import dev.steward.common.event.Topics;
import dev.steward.common.inbox.Inbox;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** The services' answers to backups and restores, recorded for the jobs' runners to act on. */
@KafkaListener(groupId = BackupPartsListener.CONSUMER, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // Only an unavailable database or broker gets here (Inbox parks poison events): wait for it.
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s", retryCount = Integer.MAX_VALUE))
public class BackupPartsListener {

    static final String CONSUMER = "jobs-service.backup-parts";
    private static final Logger LOG = LoggerFactory.getLogger(BackupPartsListener.class);

    private final Inbox.Handler handler;
    private final EventReader reader;
    private final BackupRepository backups;

    public BackupPartsListener(Inbox inbox, EventReader reader, BackupRepository backups) {
        this.handler = inbox.handler(CONSUMER, this::apply);
        this.reader = reader;
        this.backups = backups;
    }

    @Topic(Topics.JOBS_BACKUP_PARTS)
    void onPart(ConsumerRecord<String, byte[]> record) {
        handler.deliver(record);
    }

    private void apply(CloudEvent event) {
        String type = event.type();
        try {
            if (type.endsWith("." + BackupMessages.BACKUP_CHUNK_READY + ".v1") || type.endsWith("." + BackupMessages.LOGS_CHUNK_READY + ".v1")) {
                BackupMessages.BackupChunk chunk = reader.data(event, BackupMessages.BackupChunk.class);
                backups.saveChunk(UUID.fromString(chunk.jobId()), chunk.service(), chunk.schemaVersion(), chunk.chunkIndex(),
                        chunk.chunkCount(), chunk.sha256(), chunk.data());
            } else if (type.endsWith("." + BackupMessages.RESTORE_PREPARED + ".v1")) {
                BackupMessages.RestorePrepared vote = reader.data(event, BackupMessages.RestorePrepared.class);
                backups.vote(UUID.fromString(vote.restoreId()), vote.service(), vote.prepared(), vote.reason());
            } else if (type.endsWith("." + BackupMessages.RESTORE_FINISHED + ".v1")) {
                BackupMessages.RestoreFinished finished = reader.data(event, BackupMessages.RestoreFinished.class);
                backups.finished(UUID.fromString(finished.restoreId()), finished.service());
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring unreadable {} {}: {}", type, event.id(), e.getMessage()); // retrying cannot fix it
        }
    }
}
