package dev.steward.gateway.log;

import dev.steward.common.text.Bounded;
import dev.steward.common.trace.RequestTracing;
import dev.steward.common.trace.TracePropagation;
import dev.steward.common.trace.Traceparent;
import dev.steward.gateway.auth.Principal;
import dev.steward.gateway.metrics.GatewayMetrics;
import dev.steward.gateway.route.Route;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line per request the gateway answered, on logger {@code steward.access}: what was asked, the
 * route it matched, the answer and how it came about, who asked (the verified principal, or "-"),
 * with which scheme, from where, how long it took, and its trace. The same fields go to the MDC, so
 * a JSON log line carries them as {@code mdc.route}, {@code mdc.principal}, ... for a collector to
 * filter on. This is where "why was my request refused" starts: the line's trace id leads to the
 * service's lines and spans.
 */
@Singleton
public class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("steward.access");
    /** The verified caller of a request refused for its role or scope (it never became the request's principal). */
    public static final String REFUSED_CALLER = "steward.gateway.refused-caller";

    private final boolean enabled;

    public AccessLog(AccessLogSettings settings) {
        this.enabled = settings.enabled();
    }

    public void record(HttpRequest<?> request, @Nullable Route route, @Nullable String scheme, MutableHttpResponse<?> response,
                       String clientIp, long nanos) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("route", route == null ? "none" : route.pattern());
        fields.put("status", Integer.toString(response.code()));
        fields.put("outcome", GatewayMetrics.outcome(response));
        fields.put("scheme", scheme == null ? "none" : scheme);
        fields.put("principal", request.getAttribute(Principal.ATTRIBUTE, Principal.class).map(Principal::subject)
                .or(() -> request.getAttribute(REFUSED_CALLER, String.class)).orElse("-"));
        fields.put("client", clientIp);
        fields.put(TracePropagation.TRACE_ID, RequestTracing.context(request).flatMap(Traceparent::traceId).orElse("-"));
        Map<String, String> before = MDC.getCopyOfContextMap();
        try {
            fields.forEach(MDC::put);
            // The trace id comes from the MDC: "[trace ...]" in text, mdc.traceId in JSON.
            LOG.info("{} {} {} {} route={} scheme={} principal={} client={} {} ms", request.getMethodName(),
                    Bounded.truncate(request.getPath(), Bounded.AUDIT_FIELD), fields.get("status"), fields.get("outcome"),
                    fields.get("route"), fields.get("scheme"), fields.get("principal"), clientIp,
                    String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6));
        } finally {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }
}
