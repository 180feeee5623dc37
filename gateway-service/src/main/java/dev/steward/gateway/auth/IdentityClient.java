package dev.steward.gateway.auth;

import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import dev.steward.gateway.replica.Replicas;
import dev.steward.gateway.replica.ServiceReplicas;
import dev.steward.gateway.signing.QueryString;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

import java.time.Duration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Asks identity-service about credentials and the gateway's settings, as the gateway's own service principal. */
@Singleton
public class IdentityClient {

    private final HttpClient client;
    private final Replicas identity;
    private final GatewayServiceToken serviceToken;

    /** @param client a client without a base address: each call names the replica it goes to */
    public IdentityClient(HttpClient client, ServiceReplicas replicas, GatewayServiceToken serviceToken) {
        this.client = client;
        this.identity = replicas.of("identity");
        this.serviceToken = serviceToken;
    }

    @Serdeable
    public record BearerCredential(String id, String name, String role, List<String> scopes, List<String> ipRanges,
                                   @Nullable Instant expiresAt) {

        public Grant grant() {
            return IdentityClient.grant(role, scopes, ipRanges, expiresAt);
        }
    }

    /** An unknown role (a newer identity-service) grants nothing rather than failing the look-up. */
    static Grant grant(String role, List<String> scopes, List<String> ipRanges, @Nullable Instant expiresAt) {
        return new Grant(Role.parse(role).orElse(Role.NONE), scopes, ipRanges, expiresAt);
    }

    /** For start-up loads: retry, backing off to 15 s, for as long as identity-service cannot answer. */
    public static final RetryBackoffSpec UNTIL_AVAILABLE = Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15))
            .filter(e -> e instanceof IdentityUnavailableException);

    /** Thrown when identity-service cannot answer: the gateway then refuses with 503, not with "bad credentials". */
    public static final class IdentityUnavailableException extends RuntimeException {
        IdentityUnavailableException(Throwable cause) {
            super("identity-service unavailable: " + cause.getMessage(), cause);
        }
    }

    /** Empty when no active token has this hash. */
    public Mono<Optional<BearerCredential>> bearerToken(String tokenHash) {
        return lookUp("/internal/v1/bearer-tokens/" + tokenHash, BearerCredential.class);
    }

    @Serdeable
    public record ApiTokenKey(String secretKey) {
    }

    /** The Jidoteki API token's secret key; empty before the first setup. */
    public Mono<Optional<String>> apiTokenKey() {
        return lookUp("/internal/v1/api-token", ApiTokenKey.class).map(key -> key.map(ApiTokenKey::secretKey));
    }

    @Serdeable
    public record KeyCredential(String accessKeyId, String secret, String role, List<String> scopes, List<String> ipRanges,
                                @Nullable Instant expiresAt) {

        public Grant grant() {
            return IdentityClient.grant(role, scopes, ipRanges, expiresAt);
        }
    }

    /** An access key and its secret; empty when there is no such key. */
    public Mono<Optional<KeyCredential>> key(String accessKeyId) {
        return lookUp("/internal/v1/keys/" + QueryString.encode(accessKeyId), KeyCredential.class);
    }

    @Serdeable
    public record AppCredential(String appId, String secret, String role, List<String> scopes, List<String> ipRanges,
                                @Nullable Instant expiresAt) {

        public Grant grant() {
            return IdentityClient.grant(role, scopes, ipRanges, expiresAt);
        }
    }

    /** A Gluster application and its secret; empty when there is no such app. Ids are percent-encoded into the path. */
    public Mono<Optional<AppCredential>> app(String appId) {
        return lookUp("/internal/v1/apps/" + QueryString.encode(appId), AppCredential.class);
    }

    @Serdeable
    public record ServedCertificate(String certificate, String privateKey, @Nullable String ca, String fingerprint) {
    }

    /** The uploaded TLS certificate and key; empty while none has been uploaded. */
    public Mono<Optional<ServedCertificate>> tlsCertificate() {
        return lookUp("/internal/v1/tls", ServedCertificate.class);
    }

    @Serdeable
    public record GatewaySettings(boolean https, int port, boolean auth) {
    }

    /** The Gluster REST server settings (config-get) every gateway applies. */
    public Mono<Optional<GatewaySettings>> gatewaySettings() {
        return lookUp("/internal/v1/gateway-settings", GatewaySettings.class);
    }

    @Serdeable
    public record SignatureUse(String fingerprint, Instant expiresAt) {
    }

    /**
     * Records a signature's use in identity-service, the replay memory all gateways share.
     *
     * @return true for its first use, false for a replay (409)
     */
    public Mono<Boolean> claimSignature(String fingerprint, Instant expiresAt) {
        return identity.call(false, replica -> Mono.from(client.exchange(HttpRequest.POST(replica.resolve("/internal/v1/used-signatures"),
                        new SignatureUse(fingerprint, expiresAt)).bearerAuth(serviceToken.current()))))
                .map(created -> true)
                .onErrorResume(HttpClientResponseException.class, e -> e.getStatus() == HttpStatus.CONFLICT
                        ? Mono.just(false)
                        : Mono.error(new IdentityUnavailableException(e)))
                .onErrorMap(e -> !(e instanceof IdentityUnavailableException), IdentityUnavailableException::new);
    }

    /**
     * 404 means "no such credential" (empty); any other failure means identity cannot answer.
     * Deferred, so that each subscription (each retry) sends a new request with a current service
     * token: retrying the client's publisher itself only repeats its first failure.
     */
    private <T> Mono<Optional<T>> lookUp(String path, Class<T> type) {
        return identity.call(true, replica -> Mono.from(client.retrieve(HttpRequest.GET(replica.resolve(path)).bearerAuth(serviceToken.current()), type)))
                .map(Optional::of)
                .onErrorResume(HttpClientResponseException.class, e -> e.getStatus() == HttpStatus.NOT_FOUND
                        ? Mono.just(Optional.empty())
                        : Mono.error(new IdentityUnavailableException(e)))
                .onErrorMap(e -> !(e instanceof IdentityUnavailableException), IdentityUnavailableException::new);
    }
}
