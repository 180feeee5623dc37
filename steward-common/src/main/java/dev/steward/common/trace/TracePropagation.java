package dev.steward.common.trace;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

import java.util.Map;

/**
 * Makes a trace context current, with its ids in the logging MDC, and undoes both after: on every
 * thread Micronaut runs a request on (as a propagated context element, {@link RequestTracing}), or
 * around one piece of work on this thread ({@link #enter}, a consumer's effect).
 */
public record TracePropagation(Context context, Map<String, String> mdc)
        implements ThreadPropagatedContextElement<TracePropagation.Previous> {

    /** MDC keys of the current span's ids. */
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    record Previous(Scope scope, Map<String, String> mdc) {
    }

    /** For the span of {@code context}. */
    public static TracePropagation of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return new TracePropagation(context, Map.of(TRACE_ID, span.getTraceId(), SPAN_ID, span.getSpanId()));
    }

    /** Makes {@code context} current on this thread until the returned scope is closed. */
    public static Scope enter(Context context) {
        TracePropagation propagation = of(context);
        Previous previous = propagation.updateThreadContext();
        return () -> propagation.restoreThreadContext(previous);
    }

    @Override
    public Previous updateThreadContext() {
        Map<String, String> before = MDC.getCopyOfContextMap();
        mdc.forEach(MDC::put);
        return new Previous(context.makeCurrent(), before);
    }

    @Override
    public void restoreThreadContext(Previous previous) {
        previous.scope().close();
        if (previous.mdc() == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous.mdc());
        }
    }
}
