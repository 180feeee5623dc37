package dev.steward.common.trace;

import dev.steward.common.error.Problem;
import dev.steward.common.http.MatchedRoute;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.Optional;

/**
 * One server span per request, child of the caller's W3C {@code traceparent} when it sent one. The
 * span's context is current (and its ids in the MDC) wherever the request runs, so what the request
 * appends to the outbox carries it on; a problem+json answer gets its {@code traceId}. Runs before
 * every other filter, the gateway's included, so refusals are traced too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestTracing implements Ordered {

    static final String ATTRIBUTE = "steward.trace.context";

    private final Tracer tracer;

    public RequestTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @RequestFilter
    public void start(HttpRequest<?> request, MutablePropagatedContext propagated) {
        Context parent = Traceparent.extract(name -> request.getHeaders().get(name));
        String route = MatchedRoute.template(request).orElse(null);
        Span span = tracer.spanBuilder(route == null ? request.getMethodName() : request.getMethodName() + " " + route)
                .setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.getMethodName())
                .setAttribute("url.path", request.getPath())
                .startSpan();
        if (route != null) {
            span.setAttribute("http.route", route);
        }
        Context context = parent.with(span);
        request.setAttribute(ATTRIBUTE, context);
        propagated.add(TracePropagation.of(context));
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<Context> context = context(request);
        if (context.isEmpty()) {
            return;
        }
        Span span = Span.fromContext(context.get());
        span.setAttribute("http.response.status_code", response.code());
        if (response.code() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        // Only a Problem this process made: a proxied body is bytes and already carries the same trace id.
        response.getBody().filter(Problem.class::isInstance).map(Problem.class::cast)
                .filter(problem -> problem.traceId() == null && span.getSpanContext().isValid())
                .ifPresent(problem -> response.body(problem.withTraceId(span.getSpanContext().getTraceId())));
    }

    /** The request's trace context, for what leaves this process on the request's behalf (the gateway's proxied call). */
    public static Optional<Context> context(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Context.class);
    }

    /** Renames the request's span once the caller knows its route (the gateway matches its own routes). */
    public static void name(HttpRequest<?> request, String name, String route) {
        context(request).map(Span::fromContext).ifPresent(span -> span.updateName(name).setAttribute("http.route", route));
    }
}
