package dev.steward.common.audit;

import dev.steward.common.event.Actor;

/** Where a service writes down the mutating requests it refused; see {@link RefusedRequestAudit}. */
public interface RefusedRequestRecorder {

    /** Called after the refused request's own transaction ended; runs in a transaction of its own. */
    void record(Actor actor, RefusedRequest refused);
}
