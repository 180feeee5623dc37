package dev.steward.gateway.auth;

import dev.steward.common.crypto.Crypto;
import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import dev.steward.gateway.signing.JidotekiAuth;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * Jidoteki admin API authentication: {@code ?token=<token>} or {@code ?hash=<HMAC-SHA256 keyed with
 * sha256hex(token) over METHOD + path>}. Accepted only on routes that allow query credentials
 * (AccessPolicy); both parameters are removed before the request is forwarded.
 */
@Singleton
public class JidotekiTokenAuthenticator implements Authenticator {

    static final String SCHEME = "jidoteki-token";
    public static final String TOKEN = "token";
    public static final String HASH = "hash";
    /** The reference knows one token, which may do everything (identity-service's ApiTokenService.GRANT). */
    static final Principal API_TOKEN_HOLDER = Principal.of("jidoteki:api-token", new Grant(Role.ADMIN, List.of("*"), List.of(), null), SCHEME);

    private final IdentityClient identity;
    private final CredentialCache cache;
    private final AuthLimits limits;

    public JidotekiTokenAuthenticator(IdentityClient identity, CredentialCache cache, AuthLimits limits) {
        this.identity = identity;
        this.cache = cache;
        this.limits = limits;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Optional<PresentedCredential> presented(HttpRequest<?> request) {
        if (!request.getParameters().contains(TOKEN) && !request.getParameters().contains(HASH)) {
            return Optional.empty();
        }
        String token = request.getParameters().get(TOKEN);
        String hash = request.getParameters().get(HASH);
        return Optional.of(PresentedCredential.query(SCHEME, body -> verify(token, hash, request.getMethodName(), request.getPath())));
    }

    private Mono<Verification> verify(String token, String hash, String method, String path) {
        if (token == null && !limits.jidotekiHash()) {
            return Mono.just(Verification.failed("?hash= is switched off here (steward.gateway.auth.jidoteki-hash); send ?token= over HTTPS"));
        }
        // The cache key never holds the token itself.
        String cacheKey = token != null ? SCHEME + ":t:" + Crypto.sha256Hex(token) : SCHEME + ":h:" + method + " " + path + " " + hash;
        // Cached only once verified: the key is the presented credential, not who holds it.
        return cache.getOrLoad(cacheKey, () -> identity.apiTokenKey().map(key -> key.filter(secretKey -> token != null
                                ? JidotekiAuth.tokenMatches(secretKey, token)
                                : JidotekiAuth.hashMatches(secretKey, method, path, hash))
                        .map(verified -> new CredentialCache.Cached(API_TOKEN_HOLDER))))
                .map(found -> found.map(cached -> Verification.verified(cached.principal()))
                        .orElseGet(() -> Verification.failed("wrong API token or hash")));
    }
}
