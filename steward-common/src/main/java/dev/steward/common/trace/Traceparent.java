package dev.steward.common.trace;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** W3C {@code traceparent} text to and from OpenTelemetry contexts: for HTTP headers and events' extension attribute. */
public final class Traceparent {

    public static final String HEADER = "traceparent";

    private Traceparent() {
    }

    /** The traceparent of {@code context}'s span; empty when it has none (work no request started). */
    public static Optional<String> of(Context context) {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, (headers, name, value) -> headers.put(name, value));
        return Optional.ofNullable(carrier.get(HEADER));
    }

    /** The traceparent of the current thread's span, if any. */
    public static Optional<String> current() {
        return of(Context.current());
    }

    /** A context whose remote parent is {@code traceparent}; the root context when it is absent or malformed. */
    public static Context parent(@Nullable String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return extract(name -> HEADER.equals(name) ? traceparent : null);
    }

    /** A context from carrier headers read by {@code header} (names in lower case). */
    static Context extract(Function<String, String> header) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), header, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Function<String, String> carrier) {
                return List.of(HEADER, "tracestate");
            }

            @Override
            public String get(Function<String, String> carrier, String key) {
                return carrier == null ? null : carrier.apply(key);
            }
        });
    }

    /** The trace id of {@code context}'s span, if it has one. */
    public static Optional<String> traceId(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }
}
