package dev.steward.identity.audit;

import dev.steward.common.audit.RefusedRequest;
import dev.steward.common.event.Actor;
import dev.steward.common.event.CloudEvent;
import dev.steward.common.event.EventReader;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;

@Singleton
public class AuditTrail {

    static final String SERVICE = "identity-service";

    private final AuditRepository entries;
    private final EventReader events;

    public AuditTrail(AuditRepository entries, EventReader events) {
        this.entries = entries;
        this.events = events;
    }

    /** An identity change, written in the transaction of the change itself. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String target, String result) {
        entries.save(new AuditEntry(null, Instant.now(), actor.principal(), actor.clientIp(), action, target, result, SERVICE, null));
    }

    /** A change another service made, or a request it refused, learned from its event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEvent(CloudEvent event) {
        String service = event.source().substring(event.source().lastIndexOf('/') + 1);
        String action = event.type();
        String result = "succeeded";
        if (RefusedRequest.EVENT_TYPE.equals(event.type())) {
            RefusedRequest refused = events.data(event, RefusedRequest.class);
            action = refused.action();
            result = refused.result();
        }
        entries.save(new AuditEntry(null, event.time().toInstant(), event.actor() == null ? "unknown" : event.actor(),
                event.clientip(), action, event.subject(), result, service, event.id()));
    }
}
