package dev.steward.identity.lease;

import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * Called by every change to a credential (bearer tokens, access keys, apps, the Jidoteki API token),
 * in its transaction. The request that made the change is answered only once every gateway has
 * dropped its cached credentials for it ({@link CredentialChangeBarrier}).
 */
@Singleton
public class CredentialEpoch {

    static final String ATTRIBUTE = "steward.credential-epoch";

    private final GatewayLeaseRepository leases;

    public CredentialEpoch(GatewayLeaseRepository leases) {
        this.leases = leases;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void advance() {
        long epoch = leases.findAdvancedEpoch();
        ServerRequestContext.currentRequest().ifPresent(request -> request.setAttribute(ATTRIBUTE, epoch));
    }
}
