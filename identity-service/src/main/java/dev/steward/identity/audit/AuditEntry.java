package dev.steward.identity.audit;

import dev.steward.common.text.Bounded;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Who did what, when, from where, and how it ended. */
@Serdeable
@MappedEntity("audit_entry")
public record AuditEntry(
        @Id @GeneratedValue @Nullable Long id,
        Instant occurredAt,
        String actor,
        @Nullable String clientIp,
        String action,
        @Nullable String target,
        String result,
        String service,
        @Nullable String eventId) {

    /** Free-text fields are capped ({@link Bounded#AUDIT_FIELD}): a request's input must not bloat the trail. */
    public AuditEntry {
        actor = Bounded.truncate(actor, Bounded.AUDIT_FIELD);
        action = Bounded.truncate(action, Bounded.AUDIT_FIELD);
        target = Bounded.truncate(target, Bounded.AUDIT_FIELD);
        result = Bounded.truncate(result, Bounded.AUDIT_FIELD);
    }
}
