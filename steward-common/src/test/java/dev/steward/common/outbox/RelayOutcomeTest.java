package dev.steward.common.outbox;

import dev.steward.common.outbox.RelayOutcome.Ack;
import dev.steward.common.outbox.RelayOutcome.Decision;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.steward.common.outbox.RelayOutcome.Ack.ACKNOWLEDGED;
import static dev.steward.common.outbox.RelayOutcome.Ack.NOT_ACKNOWLEDGED;
import static dev.steward.common.outbox.RelayOutcome.Ack.REFUSED_FOR_GOOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayOutcomeTest {

    @Test
    void everyEventAcknowledgedLeavesTheQueue() {
        Decision decision = RelayOutcome.decide(List.of(ACKNOWLEDGED, ACKNOWLEDGED, ACKNOWLEDGED));
        assertEquals(List.of(0, 1, 2), decision.published());
        assertFalse(decision.retry());
    }

    @Test
    void anEventRefusedForGoodIsSetAsideAndTheOnesBehindItGoOn() {
        Decision decision = RelayOutcome.decide(List.of(ACKNOWLEDGED, REFUSED_FOR_GOOD, ACKNOWLEDGED));
        assertEquals(List.of(0, 2), decision.published());
        assertEquals(List.of(1), decision.setAside());
        assertFalse(decision.retry());
    }

    /** The broker came back between two sends: the second was written, the first must still go first. */
    @Test
    void anEventAcknowledgedAfterOneThatMustBeRetriedStaysQueued() {
        Decision decision = RelayOutcome.decide(List.of(ACKNOWLEDGED, NOT_ACKNOWLEDGED, ACKNOWLEDGED, REFUSED_FOR_GOOD));
        assertEquals(List.of(0), decision.published());
        assertEquals(List.of(), decision.setAside(), "not even set aside: its turn has not come");
        assertTrue(decision.retry());
    }

    @Test
    void nothingAcknowledgedLeavesEverythingQueued() {
        Decision decision = RelayOutcome.decide(List.of(NOT_ACKNOWLEDGED, ACKNOWLEDGED));
        assertEquals(0, decision.leftQueue());
        assertTrue(decision.retry());
    }

    /** Whatever the broker said, what leaves the queue is a prefix of the batch: commit order holds. */
    @Property
    void whatLeavesTheQueueIsAPrefix(@ForAll @Size(max = 30) List<Ack> acks) {
        Decision decision = RelayOutcome.decide(acks);
        int left = decision.leftQueue();
        for (int i = 0; i < left; i++) {
            assertTrue(decision.published().contains(i) || decision.setAside().contains(i), "gap at " + i + " in " + acks);
        }
        assertEquals(acks.contains(NOT_ACKNOWLEDGED), decision.retry());
        if (decision.retry()) {
            assertEquals(NOT_ACKNOWLEDGED, acks.get(left), "stops at the first event to retry");
        }
    }
}
