package dev.steward.gateway.auth;

import dev.steward.common.crypto.Crypto;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Garage admin API access control: {@code Authorization: Bearer <admin_token | metrics_token>}.
 * Tokens are compared by their SHA-256 in identity-service's index, never by value, so there is no
 * timing signal about how much of a guessed token was right.
 */
@Singleton
public class BearerTokenAuthenticator {

    static final String SCHEME = "garage-bearer";
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final IdentityClient identity;
    private final CredentialCache cache;

    public BearerTokenAuthenticator(IdentityClient identity, CredentialCache cache) {
        this.identity = identity;
        this.cache = cache;
    }

    /** Empty when the request carries no bearer token or an unknown one. */
    public Mono<Optional<Principal>> authenticate(HttpRequest<?> request) {
        Optional<String> token = bearer(request).filter(value -> !value.isEmpty() && value.length() <= MAX_TOKEN_LENGTH);
        if (token.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        String hash = Crypto.sha256Hex(token.get());
        return cache.getOrLoad(SCHEME + ":" + hash, () -> identity.bearerToken(hash).map(found -> found.map(credential ->
                        new CredentialCache.Cached(Principal.of("token:" + credential.name(), credential.roles(), credential.scopes(),
                                SCHEME, credential.ipRanges()), null, credential.expiresAt()))))
                .map(found -> found.map(CredentialCache.Cached::principal));
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
