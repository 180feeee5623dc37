package dev.steward.jobs.job;

/**
 * How one kind of job moves on. {@link #advance} is called over and over while the job runs, by
 * whichever replica holds its lease, in a transaction with the job row locked. Everything a step
 * needs to resume is in the database, so a step may run on another replica after a crash.
 */
public interface JobHandler {

    String kind();

    void advance(Job job);
}
