package dev.steward.common.inbox;

import dev.steward.common.security.InternalClaims;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** This service's parked events, newest first, and their replay (routed by the gateway per service). */
@dev.steward.common.idempotency.Idempotent
@Controller("/steward/v1/dead-letters/${steward.backup.service}")
@Secured(InternalClaims.ROLE_API)
@Requires(beans = Inbox.class)
@Requires(property = "steward.backup.service")
public class DeadLetterController {

    static final int MAX_PAGE = 500;

    private final DeadLetters deadLetters;
    private final Inbox inbox;

    public DeadLetterController(DeadLetters deadLetters, Inbox inbox) {
        this.deadLetters = deadLetters;
        this.inbox = inbox;
    }

    @Serdeable
    public record Entry(long id, String consumer, String topic, int partition, long offset, @Nullable String key, String error,
                        int attempts, Instant parkedAt, @Nullable Instant replayedAt,
                        @Nullable String payloadText, String payloadBase64) {

        static Entry of(DeadLetter letter) {
            return new Entry(letter.id(), letter.consumer(), letter.topic(), letter.kafkaPartition(), letter.kafkaOffset(),
                    letter.messageKey(), letter.error(), letter.attempts(), letter.parkedAt(), letter.replayedAt(),
                    text(letter.payload()), Base64.getEncoder().encodeToString(letter.payload()));
        }

        /** The payload as text when it is UTF-8 (most are JSON), so an operator can read it as listed. */
        private static String text(byte[] payload) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    @Serdeable
    public record Page(List<Entry> deadLetters, long parked, @Nullable Long nextBefore) {
    }

    @Get
    public Page list(@QueryValue @Nullable Long before, @QueryValue @Nullable Integer limit) {
        int size = limit == null ? 100 : Math.max(1, Math.min(limit, MAX_PAGE));
        List<Entry> entries = deadLetters.page(before, size).stream().map(Entry::of).toList();
        Long next = entries.size() == size ? entries.get(entries.size() - 1).id() : null;
        return new Page(entries, deadLetters.parked(), next);
    }

    @Post("/{id}/replay")
    public Inbox.ReplayOutcome replay(@PathVariable long id) {
        return inbox.replay(id);
    }
}
