package dev.steward.identity.audit;

import dev.steward.common.event.Actor;
import dev.steward.common.event.CloudEvent;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;

@Singleton
public class AuditTrail {

    static final String SERVICE = "identity-service";

    private final AuditRepository entries;

    public AuditTrail(AuditRepository entries) {
        this.entries = entries;
    }

    /** An identity change, written in the transaction of the change itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String target, String result) {
        entries.save(new AuditEntry(null, Instant.now(), actor.principal(), actor.clientIp(), action, target, result, SERVICE, null));
    }

    /** A change another service made, learned from its event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEvent(CloudEvent event) {
        String service = event.source().substring(event.source().lastIndexOf('/') + 1);
        entries.save(new AuditEntry(null, event.time().toInstant(), event.actor() == null ? "unknown" : event.actor(),
                event.clientip(), event.type(), event.subject(), "succeeded", service, event.id()));
    }
}
