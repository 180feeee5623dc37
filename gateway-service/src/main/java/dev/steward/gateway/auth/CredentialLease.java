package dev.steward.gateway.auth;

import dev.steward.gateway.consistency.ConsistencyLimits;
import dev.steward.gateway.replica.Replicas;
import dev.steward.gateway.replica.ServiceReplicas;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This gateway's lease on its credential cache, the gateway's half of identity's lease protocol
 * (GatewayLeases there). A loop polls identity with the credential epoch this gateway has dropped
 * its cache for; identity renews the lease only for the current epoch and holds every credential
 * change's answer until each leased gateway confirmed it. So the cache may be used only while the
 * lease runs — measured from when the poll was sent, on this machine's monotonic clock — and only
 * for entries loaded in the current epoch. With identity unreachable the lease runs out and every
 * request is looked up, which then fails as 503: nothing is accepted that could not be confirmed.
 */
@Singleton
public class CredentialLease implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialLease.class);
    private static final long UNKNOWN = -1;

    private final String gatewayId = UUID.randomUUID().toString();
    private final Replicas identity;
    private final GatewayServiceToken serviceToken;
    private final JsonMapper json;
    private final Duration pollWait;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private volatile long epoch = UNKNOWN;
    private volatile long leaseEndsNanos = System.nanoTime();
    private volatile boolean running = true;
    private final AtomicBoolean started = new AtomicBoolean();

    public CredentialLease(ServiceReplicas replicas, GatewayServiceToken serviceToken, JsonMapper json, ConsistencyLimits limits) {
        this.identity = replicas.of("identity");
        this.serviceToken = serviceToken;
        this.json = json;
        this.pollWait = limits.leasePoll();
    }

    @Serdeable
    record Poll(long ackedEpoch, long waitMillis) {
    }

    @Serdeable
    record Answer(long epoch, long leaseMillis) {
    }

    /** The epoch cache entries must have been loaded in to be used; changes as soon as identity reports a change. */
    public long epoch() {
        return epoch;
    }

    public boolean held() {
        return epoch != UNKNOWN && System.nanoTime() - leaseEndsNanos < 0;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (started.getAndSet(true)) {
            return; // one loop, however many servers (the TLS port) announce themselves
        }
        Thread loop = new Thread(this::pollForever, "credential-lease");
        loop.setDaemon(true);
        loop.start();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        running = false;
    }

    private void pollForever() {
        while (running) {
            try {
                pollOnce();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Credential lease poll failed (the cache is unused until a poll succeeds): {}", e.toString());
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void pollOnce() throws IOException, InterruptedException {
        long sentAt = System.nanoTime();
        // Any identity replica keeps the lease: its state is in identity's database.
        URI replica = identity.order().get(0);
        HttpRequest request = HttpRequest.newBuilder(replica.resolve("/internal/v1/gateway-leases/" + gatewayId))
                .timeout(pollWait.plusSeconds(1))
                .header("Authorization", "Bearer " + serviceToken.current())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(new Poll(epoch, pollWait.toMillis()))))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException refused) {
            identity.refused(replica);
            throw refused;
        }
        identity.answered(replica);
        if (response.statusCode() != 200) {
            throw new IOException("identity answered " + response.statusCode());
        }
        Answer answer = json.readValue(response.body(), Answer.class);
        if (answer.leaseMillis() > 0) {
            leaseEndsNanos = sentAt + Duration.ofMillis(answer.leaseMillis()).toNanos();
        }
        if (answer.epoch() != epoch) {
            // Entries of the old epoch stop counting from here; the next poll confirms the new one.
            epoch = answer.epoch();
            LOG.debug("Credential epoch {}: cached credentials dropped", answer.epoch());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
