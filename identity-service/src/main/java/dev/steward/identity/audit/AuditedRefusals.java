package dev.steward.identity.audit;

import dev.steward.common.audit.RefusedRequest;
import dev.steward.common.audit.RefusedRequestRecorder;
import dev.steward.common.event.Actor;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/** identity-service keeps the audit trail, so its own refusals go straight onto it. */
@Singleton
public class AuditedRefusals implements RefusedRequestRecorder {

    private final AuditTrail audit;

    public AuditedRefusals(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Actor actor, RefusedRequest refused) {
        audit.record(actor, refused.action(), refused.path(), refused.result());
    }
}
