package dev.steward.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.steward.common.text.Bounded;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * RFC 9457 problem details body, plus the registry {@code code} for clients that switch on it,
 * where a reference API numbers its errors, that number as the extension member {@code error-code},
 * and the request's {@code traceId} (stamped by {@link dev.steward.common.trace.RequestTracing}) to
 * find its spans and log lines.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail,
                      @Nullable String instance, @Nullable String code,
                      @JsonProperty("error-code") @Nullable String errorCode,
                      @Nullable String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A detail that echoes input is capped ({@link Bounded#DETAIL}); so is the instance (the request path). */
    public Problem {
        detail = Bounded.truncate(detail, Bounded.DETAIL);
        instance = Bounded.truncate(instance, Bounded.AUDIT_FIELD);
    }

    public static Problem of(ErrorCode code, @Nullable String detail, @Nullable String instance) {
        return new Problem(code.type(), code.title(), code.status().getCode(), detail, instance, code.name(), code.referenceCode(), null);
    }

    public Problem withTraceId(String id) {
        return new Problem(type, title, status, detail, instance, code, errorCode, id);
    }
}
