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

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exception no service code turned into a problem ends in problem+json all the same, by cause:
 * a unique constraint that refused a concurrent duplicate is 409 with the service's code for it
 * ({@link UniqueConstraintCodes}); an unreachable database or broker is 503 with {@code Retry-After}
 * (the transaction never committed); anything else is 500 without details. Framework errors with a
 * status of their own have handlers of their own.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = ExceptionHandler.class)
public class UnexpectedFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    /** Seconds a client should wait: PostgreSQL and Kafka restart within seconds. */
    static final String RETRY_AFTER = "2";
    static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    private final Map<String, ErrorCode> conflicts = new HashMap<>();

    public UnexpectedFailureHandler(List<UniqueConstraintCodes> constraints) {
        constraints.forEach(codes -> conflicts.putAll(codes.byConstraint()));
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        SQLException duplicate = uniqueViolation(exception);
        if (duplicate != null) {
            String constraint = constraintOf(duplicate);
            ErrorCode code = conflicts.getOrDefault(constraint, CommonErrorCode.ALREADY_EXISTS);
            LOG.info("{} {}: refused by unique constraint {}", request.getMethod(), request.getPath(), constraint);
            return respond(code, "a concurrent request created the same " + (constraint == null ? "thing" : "(" + constraint + ")")
                    + " first; nothing was changed", request);
        }
        if (dataException(exception)) {
            // SQLSTATE class 22: a value PostgreSQL cannot take (a NUL byte in text, a number out of range).
            return respond(CommonErrorCode.INVALID_REQUEST, "a value in the request cannot be stored", request);
        }
        if (isUndecodableBody(exception)) {
            return respond(CommonErrorCode.MALFORMED_REQUEST, "the form or multipart body cannot be decoded", request);
        }
        if (InfrastructureFailures.isTransient(exception)) {
            LOG.warn("{} {}: a dependency is unavailable: {}", request.getMethod(), request.getPath(), exception.toString());
            return HttpResponse.<Problem>status(CommonErrorCode.DEPENDENCY_UNAVAILABLE.status())
                    .contentType(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
                    .body(Problem.of(CommonErrorCode.DEPENDENCY_UNAVAILABLE, "the database or Kafka is unavailable; nothing was changed",
                            request.getPath()));
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return respond(CommonErrorCode.INTERNAL, null, request);
    }

    private static HttpResponse<Problem> respond(ErrorCode code, String detail, HttpRequest<?> request) {
        return HttpResponse.<Problem>status(code.status()).contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(code, detail, request.getPath()));
    }

    /** Netty's form and multipart decoders throw on a body that is not one (found by FuzzE2EIT: '%ZZ' was a 500). */
    static boolean isUndecodableBody(Throwable failure) {
        return Causes.of(failure).stream().map(cause -> cause.getClass().getName())
                .anyMatch(name -> name.startsWith("io.netty.handler.codec.") && name.endsWith("DecoderException"));
    }

    static boolean dataException(Throwable failure) {
        return Causes.of(failure).stream()
                .anyMatch(cause -> cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22"));
    }

    static SQLException uniqueViolation(Throwable failure) {
        return Causes.of(failure).stream().filter(cause -> cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))
                .map(SQLException.class::cast).findFirst().orElse(null);
    }

    static String constraintOf(SQLException violation) {
        Matcher matcher = CONSTRAINT.matcher(String.valueOf(violation.getMessage()));
        return matcher.find() ? matcher.group(1) : null;
    }
}
