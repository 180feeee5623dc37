package dev.steward.agent;

import dev.steward.common.event.EventTypes;
import dev.steward.common.event.Topics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent speaks the task protocol the services define (docs/events.md). */
class TaskRunnerTest {

    @Test
    void topicsAndTypesAreTheServices() {
        assertEquals(Topics.JOBS_NODE_TASKS, TaskRunner.TASKS);
        assertEquals(Topics.JOBS_NODE_TASK_RESULTS, TaskRunner.RESULTS);
        assertEquals(EventTypes.type("jobs", "NodeTaskRequested"), TaskRunner.TASK_REQUESTED);
        assertEquals(EventTypes.type("agent", "NodeTaskCompleted"), TaskRunner.TASK_COMPLETED);
    }
}
