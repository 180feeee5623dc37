package dev.steward.gateway.auth;

import dev.steward.gateway.signing.GlusterJwt;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Gluster REST API tokens: {@code Authorization: Bearer <JWT>} signed HS256 with the app's secret,
 * {@code iss} naming the app and {@code qsh} binding the token to this method, path, query and body.
 */
@Singleton
public class GlusterAuthenticator implements Authenticator {

    static final String SCHEME = "gluster-jwt";
    /** One answer for both, so that refusals do not tell which app ids exist. */
    private static final Verification UNKNOWN = Verification.failed("unknown app or wrong signature");

    private final IdentityClient identity;
    private final CredentialCache cache;
    private final AuthLimits limits;
    private final Clock clock;

    public GlusterAuthenticator(IdentityClient identity, CredentialCache cache, AuthLimits limits) {
        this(identity, cache, limits, Clock.systemUTC());
    }

    GlusterAuthenticator(IdentityClient identity, CredentialCache cache, AuthLimits limits, Clock clock) {
        this.identity = identity;
        this.cache = cache;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Optional<PresentedCredential> presented(HttpRequest<?> request) {
        return BearerTokenAuthenticator.bearer(request).filter(GlusterJwt::looksLikeJwt).flatMap(GlusterJwt::parse)
                .map(token -> PresentedCredential.signed(SCHEME, body -> verify(request, token, body)));
    }

    private Mono<Verification> verify(HttpRequest<?> request, GlusterJwt.Token token, byte[] body) {
        Instant now = clock.instant();
        String qsh = GlusterJwt.qsh(request.getMethodName(), request.getUri().getRawPath(), request.getUri().getRawQuery(), body);
        String appId = token.issuer();
        return cache.getOrLoad(SCHEME + ":" + appId, () -> identity.app(appId).map(found -> found.map(app ->
                        new CredentialCache.Cached(Principal.of("app:" + app.appId(), app.grant(), SCHEME), app.secret(),
                                app.expiresAt()))))
                .map(found -> found.map(app -> GlusterJwt.verify(token, app.secret(), qsh, now, limits.signatureSkew())
                                .map(failure -> failure == GlusterJwt.Failure.BAD_SIGNATURE ? UNKNOWN
                                        : Verification.failed("the JWT is not valid for this request: " + failure))
                                .orElseGet(() -> bounded(token, app.principal())))
                        .orElseGet(() -> UNKNOWN));
    }

    /** A verified token, unless it lives longer than the replay memory may have to remember it. */
    private Verification bounded(GlusterJwt.Token token, Principal principal) {
        try {
            var claims = token.jwt().getJWTClaimsSet();
            Instant issued = claims.getIssueTime().toInstant();
            Instant expires = claims.getExpirationTime().toInstant();
            Duration lifetime = Duration.between(issued, expires);
            if (lifetime.compareTo(limits.glusterMaxLifetime()) > 0) {
                return Verification.failed("the JWT lives " + lifetime + " (exp - iat); at most " + limits.glusterMaxLifetime()
                        + " is accepted");
            }
            return Verification.verified(principal, usedSignature(token, expires, limits.signatureSkew()));
        } catch (ParseException e) {
            return Verification.failed("the JWT's claims cannot be read");
        }
    }

    /**
     * Keyed on the signature's decoded bytes, so that a re-encoded signature (padding, the unused low
     * bits of base64's last character) is the same signature; kept until the token expires, plus skew.
     */
    static UsedSignature usedSignature(GlusterJwt.Token token, Instant expires, Duration skew) {
        return UsedSignature.of("app:" + token.issuer(), token.jwt().getSignature().decode(), expires.plus(skew));
    }
}
