package dev.steward.jobs.job;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.InternalClaims;
import dev.steward.jobs.error.JobsErrorCode;
import dev.steward.jobs.task.NodeTasks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.UUID;

/** Steward's own job API: every job of every kind, with its whole log and per-node tasks. */
@Controller("/steward/v1/jobs")
@Secured(InternalClaims.ROLE_API)
public class JobController {

    static final int MAX_LIMIT = 200;

    private final JobService jobs;
    private final NodeTasks tasks;
    private final JobEventStream stream;

    public JobController(JobService jobs, NodeTasks tasks, JobEventStream stream) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.stream = stream;
    }

    @Get
    public List<JobViews.JobView> list(@Nullable @QueryValue String kind, @QueryValue(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(JobsErrorCode.JOB_QUERY_INVALID, "limit must be between 1 and " + MAX_LIMIT);
        }
        return jobs.list(kind, limit).stream().map(job -> JobViews.JobView.of(job, jobs.lastLines(job.id()), tasks.of(job.id()))).toList();
    }

    @Get("/{id}")
    public JobViews.JobView get(@PathVariable UUID id) {
        return stream.view(id); // the same view the event stream sends
    }

    /** The job's states as server-sent events ({@code event: job}) until it stops running: for consoles and CLIs. */
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<JobViews.JobView>> events(@PathVariable UUID id) {
        return stream.follow(id);
    }
}
