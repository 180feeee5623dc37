package dev.steward.common.error;

import dev.steward.common.inbox.InfrastructureFailures;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception ends in problem+json: 503 with {@code Retry-After} when the database or
 * Kafka is unreachable (the request was not applied: its transaction never committed), otherwise
 * 500 without details. Framework errors with a status of their own have handlers of their own.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = ExceptionHandler.class)
public class UnavailableDependencyHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    /** Seconds a client should wait: PostgreSQL and Kafka restart within seconds. */
    static final String RETRY_AFTER = "2";
    private static final Logger LOG = LoggerFactory.getLogger(UnavailableDependencyHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (InfrastructureFailures.isTransient(exception)) {
            LOG.warn("{} {}: a dependency is unavailable: {}", request.getMethod(), request.getPath(), exception.toString());
            return HttpResponse.<Problem>status(CommonErrorCode.DEPENDENCY_UNAVAILABLE.status())
                    .contentType(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
                    .body(Problem.of(CommonErrorCode.DEPENDENCY_UNAVAILABLE, "the database or Kafka is unavailable; nothing was changed",
                            request.getPath()));
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return HttpResponse.<Problem>status(CommonErrorCode.INTERNAL.status())
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(CommonErrorCode.INTERNAL, null, request.getPath()));
    }
}
