package dev.steward.gateway.auth;

import dev.steward.common.security.InternalClaims;
import dev.steward.common.crypto.Crypto;
import dev.steward.gateway.signing.JidotekiAuth;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * Jidoteki admin API authentication, accepted on every route: {@code ?token=<token>} or
 * {@code ?hash=<HMAC-SHA256 keyed with sha256hex(token) over METHOD + path>}. Both parameters are
 * removed before the request is forwarded.
 */
@Singleton
public class JidotekiTokenAuthenticator {

    static final String SCHEME = "jidoteki-token";
    static final String TOKEN = "token";
    static final String HASH = "hash";
    private static final Principal API_TOKEN_HOLDER =
            new Principal("jidoteki:api-token", List.of(InternalClaims.ROLE_ADMIN), List.of("*"), SCHEME);

    private final IdentityClient identity;
    private final CredentialCache cache;

    public JidotekiTokenAuthenticator(IdentityClient identity, CredentialCache cache) {
        this.identity = identity;
        this.cache = cache;
    }

    public boolean applies(HttpRequest<?> request) {
        return request.getParameters().contains(TOKEN) || request.getParameters().contains(HASH);
    }

    public Mono<Optional<Principal>> authenticate(HttpRequest<?> request) {
        String token = request.getParameters().get(TOKEN);
        String hash = request.getParameters().get(HASH);
        String method = request.getMethodName();
        String path = request.getPath();
        // The cache key never holds the token itself.
        String cacheKey = token != null ? SCHEME + ":t:" + Crypto.sha256Hex(token) : SCHEME + ":h:" + method + " " + path + " " + hash;
        // Cached only once verified: the key is the presented credential, not who holds it.
        return cache.getOrLoad(cacheKey, () -> identity.apiTokenKey().map(key -> key.filter(secretKey -> token != null
                                ? JidotekiAuth.tokenMatches(secretKey, token)
                                : JidotekiAuth.hashMatches(secretKey, method, path, hash))
                        .map(verified -> new CredentialCache.Cached(API_TOKEN_HOLDER))))
                .map(found -> found.map(CredentialCache.Cached::principal));
    }
}
