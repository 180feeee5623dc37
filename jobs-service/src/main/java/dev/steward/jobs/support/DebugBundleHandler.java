package dev.steward.jobs.support;

import dev.steward.jobs.job.Job;
import dev.steward.jobs.job.JobHandler;
import jakarta.inject.Singleton;

/** Debug collections end like log collections. */
@Singleton
public class DebugBundleHandler implements JobHandler {

    private final SupportService support;

    public DebugBundleHandler(SupportService support) {
        this.support = support;
    }

    @Override
    public String kind() {
        return SupportService.DEBUG;
    }

    @Override
    public void advance(Job job) {
        support.advance(job);
    }
}
