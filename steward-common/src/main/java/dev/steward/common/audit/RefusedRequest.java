package dev.steward.common.audit;

import dev.steward.common.event.EventTypes;
import dev.steward.common.text.Bounded;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A mutating request a service refused (4xx): what was asked and why it was refused. The who, from
 * where and when travel beside it (the actor and the event's time).
 *
 * @param code   the problem's registry code, when the refusal carried one
 * @param detail the problem's detail, when it had one
 */
@Serdeable
public record RefusedRequest(String method, String path, int status, @Nullable String code, @Nullable String detail) {

    /** The event type of refusals on the services' own event topics. */
    public static final String EVENT_TYPE = EventTypes.type("audit", "RequestRefused");

    public RefusedRequest {
        path = Bounded.truncate(path, Bounded.AUDIT_FIELD);
        detail = Bounded.truncate(detail, Bounded.DETAIL);
    }

    /** What was asked, as the audit trail's "action": {@code POST /v0/bucket}. */
    public String action() {
        return method + " " + path;
    }

    /** Why it was refused, as the audit trail's "result": {@code refused: 409 BUCKET_NOT_EMPTY: ...}. */
    public String result() {
        StringBuilder result = new StringBuilder("refused: ").append(status);
        if (code != null) {
            result.append(' ').append(code);
        }
        if (detail != null && !detail.isBlank()) {
            result.append(": ").append(detail);
        }
        return result.toString();
    }
}
