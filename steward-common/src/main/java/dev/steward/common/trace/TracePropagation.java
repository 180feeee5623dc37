package dev.steward.common.trace;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

import java.util.Map;

/**
 * Makes a request's trace context current, with its ids in the logging MDC, on every thread Micronaut
 * runs the request on (filters, the blocking controller thread, what it wraps), and undoes both after.
 */
record TracePropagation(Context context, Map<String, String> mdc) implements ThreadPropagatedContextElement<TracePropagation.Previous> {

    record Previous(Scope scope, Map<String, String> mdc) {
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
