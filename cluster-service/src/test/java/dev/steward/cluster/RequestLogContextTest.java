package dev.steward.cluster;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line a service logs while answering a request names the request's trace, who asked and the route,
 * in the MDC (so a JSON line carries {@code mdc.traceId}, {@code mdc.principal}, {@code mdc.route}).
 */
class RequestLogContextTest extends AbstractClusterTest {

    /** A controller that logs, as any service's may, on the blocking thread its request runs on. */
    @Controller("/test/logged")
    @Requires(env = Environment.TEST)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    static class LoggingController {
        @Get("/{name}")
        String log(@PathVariable String name) {
            LoggerFactory.getLogger("test.logged").info("logged {}", name);
            return name;
        }
    }

    @Test
    void aRequestsLogLinesNameItsTraceCallerAndRoute() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.logged");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/test/logged/one"))
                    .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
            assertEquals(1, lines.list.size(), lines.list.toString());
            Map<String, String> mdc = lines.list.get(0).getMDCPropertyMap();
            assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", mdc.get("traceId"), mdc.toString());
            assertTrue(mdc.get("spanId").matches("[0-9a-f]{16}") && !mdc.get("spanId").equals("00f067aa0ba902b7"),
                    "the service's own span, not the caller's: " + mdc);
            assertEquals("token:test-admin", mdc.get("principal"), mdc.toString());
            assertEquals("GET /test/logged/{name}", mdc.get("route"), mdc.toString());
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void aProblemNamesItsTraceAlsoWhenNoCallerStartedOne() {
        HttpClientResponseException missing = refused(HttpRequest.GET("/test/nothing-here"));
        Object traceId = missing.getResponse().getBody(Map.class).map(body -> body.get("traceId")).orElse(null);
        assertTrue(traceId instanceof String id && id.matches("[0-9a-f]{32}") && !id.equals("0".repeat(32)),
                "a fresh trace of this service's own: " + traceId);
    }
}
