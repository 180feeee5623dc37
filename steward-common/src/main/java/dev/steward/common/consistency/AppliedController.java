package dev.steward.common.consistency;

import dev.steward.common.security.InternalClaims;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.util.List;

/** For the gateway: "have your projections applied these events yet?", waiting up to a bound. Not routed from outside. */
@Controller("/internal/v1/applied")
@Secured(InternalClaims.ROLE_SERVICE)
@Requires(classes = io.micronaut.data.repository.GenericRepository.class)
@Requires(beans = AppliedEvents.class)
public class AppliedController {

    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final AppliedEvents applied;

    public AppliedController(AppliedEvents applied) {
        this.applied = applied;
    }

    @Serdeable
    public record Event(String topic, String id) {
    }

    @Serdeable
    public record Query(@Nullable List<Event> events, @Nullable Long waitMillis) {
    }

    @Serdeable
    public record Answer(boolean applied, List<Event> pending) {
    }

    @Post
    public Answer await(@Body Query query) {
        Duration wait = Duration.ofMillis(Math.max(0, Math.min(query.waitMillis() == null ? 0 : query.waitMillis(), MAX_WAIT.toMillis())));
        List<Event> events = query.events() == null ? List.of() : query.events();
        List<EmittedEvents.Emitted> pending = applied.await(
                events.stream().filter(event -> event.topic() != null && event.id() != null).map(event -> new EmittedEvents.Emitted(event.topic(), event.id())).toList(), wait);
        return new Answer(pending.isEmpty(), pending.stream().map(event -> new Event(event.topic(), event.eventId())).toList());
    }
}
