package dev.steward.gateway.auth;

import dev.steward.gateway.signing.JuiceFsSignature;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * JuiceFS console signing: {@code Authorization} is base64 JSON naming an access key, a timestamp
 * and an HMAC-SHA256 over the request; the key's secret comes from identity-service.
 */
@Singleton
public class JuiceFsAuthenticator implements Authenticator {

    static final String SCHEME = "juicefs-hmac";

    private final IdentityClient identity;
    private final CredentialCache cache;
    private final JsonMapper json;
    private final AuthLimits limits;
    private final Clock clock;

    public JuiceFsAuthenticator(IdentityClient identity, CredentialCache cache, JsonMapper json, AuthLimits limits) {
        this(identity, cache, json, limits, Clock.systemUTC());
    }

    JuiceFsAuthenticator(IdentityClient identity, CredentialCache cache, JsonMapper json, AuthLimits limits, Clock clock) {
        this.identity = identity;
        this.cache = cache;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Optional<PresentedCredential> presented(HttpRequest<?> request) {
        return JuiceFsSignature.parse(request.getHeaders().get(HttpHeaders.AUTHORIZATION), json)
                .map(authorization -> PresentedCredential.signed(SCHEME, body -> verify(request, authorization, body)));
    }

    private Mono<Verification> verify(HttpRequest<?> request, JuiceFsSignature.Authorization authorization, byte[] body) {
        Instant now = clock.instant();
        long timestamp = authorization.timestamp();
        if (!JuiceFsSignature.withinSkew(timestamp, now, limits.signatureSkew())) {
            return Mono.just(Verification.failed("the signed timestamp is not within " + limits.signatureSkew() + " of the gateway's clock"));
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            return Mono.just(Verification.failed("the request has no Host header to verify"));
        }
        String canonical = JuiceFsSignature.canonicalRequest(timestamp, request.getMethodName(),
                request.getUri().getRawPath(), host, request.getUri().getRawQuery(), body);
        String accessKeyId = authorization.access_key();
        return cache.getOrLoad(SCHEME + ":" + accessKeyId, () -> identity.key(accessKeyId).map(found -> found.map(key ->
                        new CredentialCache.Cached(Principal.of("key:" + key.accessKeyId(), key.grant(), SCHEME), key.secret(),
                                key.expiresAt()))))
                .map(found -> found
                        .filter(credential -> JuiceFsSignature.signatureMatches(credential.secret(), canonical, authorization.signature()))
                        // Matched, so the signature is 64 hex digits: its bytes are what the replay memory keeps.
                        .map(credential -> Verification.verified(credential.principal(),
                                usedSignature(authorization, limits.signatureSkew())))
                        .orElseGet(() -> Verification.failed("unknown access key or wrong signature")));
    }

    /**
     * What the replay memory keeps of a matched signature (so 64 hex digits, in either case): its
     * bytes, until its timestamp leaves the skew window.
     */
    static UsedSignature usedSignature(JuiceFsSignature.Authorization authorization, Duration skew) {
        return UsedSignature.of("key:" + authorization.access_key(), HexFormat.of().parseHex(authorization.signature()),
                Instant.ofEpochSecond(authorization.timestamp()).plus(skew));
    }
}
