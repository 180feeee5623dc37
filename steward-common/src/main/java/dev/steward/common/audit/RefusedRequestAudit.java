package dev.steward.common.audit;

import dev.steward.common.error.Problem;
import dev.steward.common.security.Actors;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Puts refused admin actions on the audit trail beside the successful ones (which are recorded with
 * their events): every mutating request that a caller verified by the gateway made and the service
 * answered with a 4xx, with who, what, when, from where and why. One mechanism for every endpoint,
 * so no controller has to remember it; the refusal itself stays as the service answered it.
 * Service-to-service calls ({@code /internal/}), agents' reports ({@link NotAnAdminAction}) and
 * requests without a verified caller (401) are not admin actions and are left out.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(beans = RefusedRequestRecorder.class)
public class RefusedRequestAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedRequestAudit.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final RefusedRequestRecorder recorder;
    private final Executor blocking;

    public RefusedRequestAudit(RefusedRequestRecorder recorder, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.recorder = recorder;
        this.blocking = blocking;
    }

    /**
     * Decides on the calling thread, which costs nothing; only a refusal that is recorded moves to
     * a blocking thread for its database write, so no other response waits for a thread hand-off.
     */
    @ResponseFilter
    public CompletableFuture<MutableHttpResponse<?>> recordRefusal(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400 || status >= 500 || status == 401 || READS.contains(request.getMethodName())
                || request.getPath().startsWith("/internal/")
                || RouteAttributes.getRouteInfo(request).map(route -> route.getAnnotationMetadata().hasAnnotation(NotAnAdminAction.class)).orElse(false)) {
            return CompletableFuture.completedFuture(response);
        }
        Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
        if (caller.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        Optional<Problem> problem = response.getBody(Problem.class);
        RefusedRequest refused = new RefusedRequest(request.getMethodName(), request.getPath(), status,
                problem.map(Problem::code).orElse(null), problem.map(Problem::detail).orElse(null));
        return CompletableFuture.supplyAsync(() -> {
            try {
                recorder.record(Actors.from(caller.get()), refused);
            } catch (RuntimeException e) {
                // The answer stands either way; a lost audit line is logged rather than turned into a 500.
                LOG.warn("Could not audit the refused request {} ({}): {}", refused.action(), refused.result(), e.toString());
            }
            return response;
        }, blocking);
    }
}
