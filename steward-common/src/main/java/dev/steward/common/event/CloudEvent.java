package dev.steward.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the value of every record on Steward's topics.
 * {@code actor} and {@code clientip} are extension attributes carrying who caused the change;
 * {@code traceparent} (the CloudEvents distributed-tracing extension) is the W3C trace context of
 * the request or event that caused it, so its consumers' spans join that trace.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        @Nullable String subject,
        OffsetDateTime time,
        String datacontenttype,
        @Nullable String actor,
        @Nullable String clientip,
        @Nullable String traceparent,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
}
