package dev.steward.common.idempotency;

import dev.steward.common.error.CommonErrorCode;
import dev.steward.common.error.ProblemException;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.MutableArgumentValue;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.multipart.FileUpload;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Idempotency-Key} on a mutating request: the first request with a key runs, and its answer
 * is stored with the key in the same transaction as its effect; a retry with the same key and the
 * same request gets that answer again ({@code Idempotent-Replayed: true}) and changes nothing; the
 * same key with another request is 422. Keys belong to the caller (the internal JWT's subject) and
 * are kept {@link IdempotencySettings#retention()}. A request that fails (an exception, or an answer
 * of 400 and above) leaves no key: its transaction rolled back, so a retry runs again.
 */
@Singleton
@Requires(classes = TransactionOperations.class) // not on the gateway, which has no database
@Requires(beans = javax.sql.DataSource.class)
public class IdempotencyInterceptor implements MethodInterceptor<Object, Object> {

    public static final String HEADER = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyInterceptor.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final IdempotencySettings settings;

    public IdempotencyInterceptor(TransactionOperations<Connection> transactions, JsonMapper json, IdempotencySettings settings) {
        this.transactions = transactions;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Optional<HttpRequest<Object>> current = ServerRequestContext.currentRequest();
        String key = current.map(request -> request.getHeaders().get(HEADER)).orElse(null);
        if (key == null || !MUTATING.contains(current.get().getMethodName())) {
            return context.proceed();
        }
        HttpRequest<Object> request = current.get();
        checkKey(key);
        Map<String, Object> arguments = new LinkedHashMap<>();
        String principal = "anonymous";
        for (Map.Entry<String, MutableArgumentValue<?>> argument : context.getParameters().entrySet()) {
            Object value = argument.getValue().getValue();
            if (value instanceof Authentication authentication) {
                principal = authentication.getName();
            } else if (value instanceof FileUpload || value instanceof StreamingFileUpload) {
                throw new ProblemException(CommonErrorCode.IDEMPOTENCY_KEY_NOT_SUPPORTED,
                        "uploads are not repeatable by key: send the request without " + HEADER);
            } else if (!(value instanceof HttpRequest<?>)) {
                arguments.put(argument.getKey(), value);
            }
        }
        if (principal.equals("anonymous")) {
            principal = request.getUserPrincipal().map(java.security.Principal::getName).orElse("anonymous");
        }
        String rawQuery = request.getUri().getRawQuery();
        String fingerprint = RequestFingerprint.of(request.getMethodName(),
                request.getUri().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery), arguments, json);
        String owner = principal;
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            Instant now = Instant.now();
            Optional<IdempotencyStore.Stored> held = sql(() -> IdempotencyStore.claim(connection, owner, key, fingerprint, now,
                    now.minus(settings.retention())));
            if (held.isPresent()) {
                if (!held.get().fingerprint().equals(fingerprint)) {
                    throw new ProblemException(CommonErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "this " + HEADER + " was used for another request; use a new key for a new request");
                }
                if (held.get().status() == null) {
                    // Only possible if its transaction committed without an answer, which claim() rules out; refuse rather than guess.
                    throw new ProblemException(CommonErrorCode.IDEMPOTENCY_KEY_REUSED, "the first request with this key has no answer");
                }
                LOG.debug("Replaying the answer to {} {} for key {} of {}", request.getMethodName(), request.getPath(), key, owner);
                throw new ReplayedResponse(held.get());
            }
            Object result = context.proceed();
            Answer answer = answer(context, result);
            if (answer.status() >= 400) {
                sql(() -> {
                    IdempotencyStore.release(connection, owner, key);
                    return null;
                });
            } else {
                sql(() -> {
                    IdempotencyStore.complete(connection, owner, key, answer.status(), answer.contentType(), answer.body());
                    return null;
                });
            }
            return result;
        });
    }

    private void checkKey(String key) {
        boolean visibleAscii = !key.isEmpty() && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!visibleAscii || key.length() > settings.maxKeyLength()) {
            throw new ProblemException(CommonErrorCode.INVALID_IDEMPOTENCY_KEY, HEADER + " must be 1 to " + settings.maxKeyLength()
                    + " visible ASCII characters (a UUID is a good key)");
        }
    }

    record Answer(int status, String contentType, byte[] body) {
    }

    /** What the client will receive for {@code result}, as Micronaut will write it. */
    private Answer answer(MethodInvocationContext<Object, Object> context, Object result) {
        if (result instanceof HttpResponse<?> response) {
            Object body = response.getBody().orElse(null);
            return new Answer(response.code(), response.getContentType().map(MediaType::toString).orElse(body == null ? null
                    : MediaType.APPLICATION_JSON), bytes(body));
        }
        int status = context.enumValue(Status.class, HttpStatus.class).orElse(HttpStatus.OK).getCode();
        return new Answer(status, result == null ? null : MediaType.APPLICATION_JSON, bytes(result));
    }

    private byte[] bytes(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void purgeExpired() {
        int purged = transactions.executeWrite(status -> sql(() -> IdempotencyStore.purge(status.getConnection(),
                Instant.now().minus(settings.retention()))));
        if (purged > 0) {
            LOG.info("Forgot {} idempotency keys older than {}", purged, settings.retention());
        }
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> statement) {
        try {
            return statement.run();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key store: " + e.getMessage(), e);
        }
    }
}
