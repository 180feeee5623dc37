package dev.steward.jobs.job;

import dev.steward.jobs.task.NodeTasks;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.UUID;

/**
 * A job's states as server-sent events: the job now, then each change of status, percentage or log,
 * ending with the state in which it stopped running. Read from the job's own rows (what every replica
 * shares), so any replica can serve any job's stream.
 */
@Singleton
public class JobEventStream {

    static final Duration POLL = Duration.ofMillis(250);
    /** A stream ends after this even if the job still runs; a client reconnects. */
    static final Duration LONGEST = Duration.ofMinutes(30);

    private final JobService jobs;
    private final NodeTasks tasks;

    public JobEventStream(JobService jobs, NodeTasks tasks) {
        this.jobs = jobs;
        this.tasks = tasks;
    }

    /** The job as {@code GET /steward/v1/jobs/{id}} shows it: whole log and per-node tasks. */
    public JobViews.JobView view(UUID id) {
        Job job = jobs.get(id);
        return JobViews.JobView.of(job, jobs.logLines(id), tasks.of(id));
    }

    /** @throws dev.steward.common.error.ProblemException 404 before the stream starts, for an unknown job */
    public Flux<Event<JobViews.JobView>> follow(UUID id) {
        JobViews.JobView first = view(id);
        Flux<JobViews.JobView> later = Flux.interval(POLL, POLL)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(() -> view(id)).subscribeOn(Schedulers.boundedElastic()), 1);
        return Flux.concat(Mono.just(first), Job.RUNNING.equals(first.status()) ? later : Flux.empty())
                .distinctUntilChanged(view -> view.status() + "/" + view.percentage() + "/" + view.log().size())
                .takeUntil(view -> !Job.RUNNING.equals(view.status()))
                .take(LONGEST)
                .map(view -> Event.of(view).name("job"));
    }
}
