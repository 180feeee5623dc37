package dev.steward.common.logging;

import dev.steward.common.http.MatchedRoute;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts who asked ({@code principal}: the caller the gateway verified, from the internal JWT) and the
 * matched {@code route} in the MDC of every line a service logs for a request, beside the trace id
 * ({@link dev.steward.common.trace.RequestTracing}); JSON lines carry them as {@code mdc.principal}
 * and {@code mdc.route}. Runs after the security filter, which is what verifies the caller.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLogContext implements Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    public void enrich(HttpRequest<?> request, MutablePropagatedContext propagated) {
        Map<String, String> mdc = new HashMap<>();
        Map<String, String> current = MDC.getCopyOfContextMap();
        if (current != null) {
            mdc.putAll(current);
        }
        request.getUserPrincipal(Authentication.class).map(Authentication::getName).ifPresent(name -> mdc.put("principal", name));
        MatchedRoute.template(request).ifPresent(route -> mdc.put("route", request.getMethodName() + " " + route));
        if (mdc.containsKey("principal") || mdc.containsKey("route")) {
            propagated.add(new MdcPropagationContext(mdc));
        }
    }
}
