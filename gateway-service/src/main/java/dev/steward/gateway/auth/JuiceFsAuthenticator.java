package dev.steward.gateway.auth;

import dev.steward.gateway.signing.JuiceFsSignature;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * JuiceFS console signing: {@code Authorization} is base64 JSON naming an access key, a timestamp
 * and an HMAC-SHA256 over the request; the key's secret comes from identity-service.
 */
@Singleton
public class JuiceFsAuthenticator {

    static final String SCHEME = "juicefs-hmac";

    private final IdentityClient identity;
    private final CredentialCache cache;
    private final ReplayGuard replays;
    private final JsonMapper json;
    private final Duration skew;
    private final Clock clock = Clock.systemUTC();

    public JuiceFsAuthenticator(IdentityClient identity, CredentialCache cache, ReplayGuard replays, JsonMapper json,
                                @Value("${steward.gateway.signature-skew:5m}") Duration skew) {
        this.identity = identity;
        this.cache = cache;
        this.replays = replays;
        this.json = json;
        this.skew = skew;
    }

    /** The parsed header, when the request carries a JuiceFS authorization at all. */
    public Optional<JuiceFsSignature.Authorization> authorization(HttpRequest<?> request) {
        return JuiceFsSignature.parse(request.getHeaders().get(HttpHeaders.AUTHORIZATION), json);
    }

    public Mono<Optional<Principal>> authenticate(HttpRequest<?> request, JuiceFsSignature.Authorization authorization, byte[] body) {
        Instant now = clock.instant();
        if (!JuiceFsSignature.withinSkew(authorization.timestamp(), now, skew)) {
            return Mono.just(Optional.empty());
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            return Mono.just(Optional.empty());
        }
        String canonical = JuiceFsSignature.canonicalRequest(authorization.timestamp(), request.getMethodName(),
                request.getUri().getRawPath(), host, request.getUri().getRawQuery(), body);
        String accessKeyId = authorization.access_key();
        return cache.getOrLoad(SCHEME + ":" + accessKeyId, () -> identity.key(accessKeyId).map(found -> found.map(key ->
                        new CredentialCache.Cached(Principal.of("key:" + key.accessKeyId(), key.roles(), key.scopes(), SCHEME,
                                key.ipRanges()), key.secret(), null))))
                .flatMap(found -> found
                        .filter(credential -> JuiceFsSignature.signatureMatches(credential.secret(), canonical, authorization.signature()))
                        .map(credential -> replays.firstUse(request.getMethodName(), authorization.access_key(), authorization.signature(), now)
                                .map(first -> first ? Optional.of(credential.principal()) : Optional.<Principal>empty()))
                        .orElse(Mono.just(Optional.empty())));
    }
}
