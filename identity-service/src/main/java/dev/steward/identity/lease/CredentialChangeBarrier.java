package dev.steward.identity.lease;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Holds the answer to a request that changed a credential (its transaction has committed) until no
 * gateway can still accept the credential as it was: the change is in force everywhere once the
 * client has its answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CredentialChangeBarrier {

    private final GatewayLeases leases;
    private final Executor blocking;

    public CredentialChangeBarrier(GatewayLeases leases, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.leases = leases;
        this.blocking = blocking;
    }

    @ResponseFilter
    public CompletableFuture<MutableHttpResponse<?>> awaitGateways(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<Long> epoch = request.getAttribute(CredentialEpoch.ATTRIBUTE, Long.class);
        if (epoch.isEmpty() || response.code() >= 300) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.supplyAsync(() -> {
            leases.awaitDropped(epoch.get());
            return response;
        }, blocking);
    }
}
