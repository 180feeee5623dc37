package dev.steward.gateway.auth;

import dev.steward.common.crypto.Crypto;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Garage admin API access control: {@code Authorization: Bearer <token>}. Tokens are compared by
 * their SHA-256 in identity-service's index, never by value, so there is no timing signal about
 * how much of a guessed token was right.
 */
@Singleton
public class BearerTokenAuthenticator implements Authenticator {

    static final String SCHEME = "garage-bearer";
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final IdentityClient identity;
    private final CredentialCache cache;

    public BearerTokenAuthenticator(IdentityClient identity, CredentialCache cache) {
        this.identity = identity;
        this.cache = cache;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Optional<PresentedCredential> presented(HttpRequest<?> request) {
        return bearer(request).filter(value -> !value.isEmpty()).map(token -> PresentedCredential.header(SCHEME, body -> verify(token)));
    }

    private Mono<Verification> verify(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Mono.just(Verification.failed("the bearer token is longer than " + MAX_TOKEN_LENGTH + " characters"));
        }
        String hash = Crypto.sha256Hex(token);
        return cache.getOrLoad(SCHEME + ":" + hash, () -> identity.bearerToken(hash).map(found -> found.map(credential ->
                        new CredentialCache.Cached(Principal.of("token:" + credential.name(), credential.grant(), SCHEME), null,
                                credential.expiresAt()))))
                .map(found -> found.map(cached -> Verification.verified(cached.principal()))
                        .orElseGet(() -> Verification.failed("unknown or expired bearer token")));
    }

    /** The value of {@code Authorization: Bearer <value>}, the form both Garage tokens and Gluster JWTs use. */
    static Optional<String> bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }
}
