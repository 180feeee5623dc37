package dev.steward.gateway.auth;

import dev.steward.gateway.signing.GlusterJwt;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Gluster REST API tokens: {@code Authorization: Bearer <JWT>} signed HS256 with the app's secret,
 * {@code iss} naming the app and {@code qsh} binding the token to this method, path, query and body.
 */
@Singleton
public class GlusterAuthenticator {

    static final String SCHEME = "gluster-jwt";

    private final IdentityClient identity;
    private final CredentialCache cache;
    private final ReplayGuard replays;
    private final Duration skew;
    private final Clock clock = Clock.systemUTC();

    public GlusterAuthenticator(IdentityClient identity, CredentialCache cache, ReplayGuard replays,
                                @Value("${steward.gateway.signature-skew:5m}") Duration skew) {
        this.identity = identity;
        this.cache = cache;
        this.replays = replays;
        this.skew = skew;
    }

    /** The parsed token, when the request carries a JWT-shaped bearer token. */
    public Optional<GlusterJwt.Token> token(HttpRequest<?> request) {
        return BearerTokenAuthenticator.bearer(request).filter(GlusterJwt::looksLikeJwt).flatMap(GlusterJwt::parse);
    }

    public Mono<Optional<Principal>> authenticate(HttpRequest<?> request, GlusterJwt.Token token, byte[] body) {
        Instant now = clock.instant();
        String qsh = GlusterJwt.qsh(request.getMethodName(), request.getUri().getRawPath(), request.getUri().getRawQuery(), body);
        String appId = token.issuer();
        return cache.getOrLoad(SCHEME + ":" + appId, () -> identity.app(appId).map(found -> found.map(app ->
                        new CredentialCache.Cached(Principal.of("app:" + app.appId(), app.roles(), app.scopes(), SCHEME,
                                app.ipRanges()), app.secret(), null))))
                .flatMap(found -> found
                        .filter(app -> GlusterJwt.verify(token, app.secret(), qsh, now, skew).isEmpty())
                        .map(app -> replays.firstUse(request.getMethodName(), "app:" + token.issuer(), token.jwt().getSignature().toString(), now)
                                .map(first -> first ? Optional.of(app.principal()) : Optional.<Principal>empty()))
                        .orElse(Mono.just(Optional.empty())));
    }
}
