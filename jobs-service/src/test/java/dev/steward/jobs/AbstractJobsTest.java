package dev.steward.jobs;

import dev.steward.testing.AbstractServiceTest;

/** The base of jobs-service's tests: the service against its real database and Kafka. */
public abstract class AbstractJobsTest extends AbstractServiceTest {

    @Override
    protected final String service() {
        return "jobs";
    }
}
