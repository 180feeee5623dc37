package dev.steward.common.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which rows of a sent batch leave the outbox. Events must reach Kafka in commit order,
 * so nothing after the first event that has to be retried is marked: a later event that was
 * acknowledged anyway is sent again next run (consumers absorb the duplicate by event id), but
 * it never overtakes the one before it.
 */
final class RelayOutcome {

    /** What the broker said about one event of the batch, in batch order. */
    enum Ack {
        /** Written by the broker. */
        ACKNOWLEDGED,
        /** Refused in a way no retry can change (too large, invalid topic): set aside, not retried. */
        REFUSED_FOR_GOOD,
        /** Broker down, timeout, not leader, or never sent because an earlier one failed: retried next run. */
        NOT_ACKNOWLEDGED
    }

    /**
     * @param published indexes to mark published
     * @param setAside  indexes to set aside with their error
     * @param retry     whether the batch stopped at an event that must be retried (pause before the next run)
     */
    record Decision(List<Integer> published, List<Integer> setAside, boolean retry) {
        int leftQueue() {
            return published.size() + setAside.size();
        }
    }

    private RelayOutcome() {
    }

    static Decision decide(List<Ack> acks) {
        List<Integer> published = new ArrayList<>();
        List<Integer> setAside = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            switch (acks.get(i)) {
                case ACKNOWLEDGED -> published.add(i);
                case REFUSED_FOR_GOOD -> setAside.add(i);
                case NOT_ACKNOWLEDGED -> {
                    return new Decision(published, setAside, true);
                }
            }
        }
        return new Decision(published, setAside, false);
    }
}
