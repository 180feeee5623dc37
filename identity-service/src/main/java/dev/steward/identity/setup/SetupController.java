package dev.steward.identity.setup;

import dev.steward.common.error.ProblemException;
import dev.steward.common.event.Actor;
import dev.steward.common.security.Actors;
import dev.steward.common.security.Grants;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Jidoteki {@code POST /api/v1/admin/setup}. The gateway forwards this route even without valid
 * credentials (as principal "anonymous"), so that the first setup works and so that failed changes
 * are refused here, where they are paused and audited.
 */
@dev.steward.common.idempotency.Idempotent
@Controller("/api/v1/admin/setup")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SetupController {

    private final ApiTokenService service;
    private final Duration failedChangePause;

    public SetupController(ApiTokenService service,
                           @Value("${steward.identity.jidoteki.failed-change-pause:2s}") Duration failedChangePause) {
        this.service = service;
        this.failedChangePause = failedChangePause;
    }

    @Post
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    public CompletableFuture<Map<String, String>> setup(@Nullable @Part("newtoken") String newtoken, Authentication authentication) {
        Actor actor = Actors.from(authentication);
        try {
            service.setToken(newtoken, actor, Grants.from(authentication));
            return CompletableFuture.completedFuture(Map.of("Status", "200 OK"));
        } catch (ProblemException refused) {
            // Audited by RefusedRequestAudit, like every refused admin action. The pause holds no
            // thread: the answer is completed later by the delayed executor.
            return CompletableFuture.supplyAsync(() -> {
                throw refused;
            }, CompletableFuture.delayedExecutor(failedChangePause.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
