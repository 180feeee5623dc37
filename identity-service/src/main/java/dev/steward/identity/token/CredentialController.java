package dev.steward.identity.token;

import dev.steward.common.error.ProblemException;
import dev.steward.common.security.InternalClaims;
import dev.steward.identity.error.IdentityErrorCode;
import dev.steward.identity.app.AppService;
import dev.steward.identity.key.KeyService;
import dev.steward.identity.setup.ApiTokenService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Credential look-ups for the gateway; not routed from outside. */
@Controller("/internal/v1")
@Secured(InternalClaims.ROLE_SERVICE)
public class CredentialController {

    private final BearerTokenService tokens;
    private final ApiTokenService apiToken;
    private final KeyService keys;
    private final AppService apps;

    public CredentialController(BearerTokenService tokens, ApiTokenService apiToken, KeyService keys, AppService apps) {
        this.tokens = tokens;
        this.apiToken = apiToken;
        this.keys = keys;
        this.apps = apps;
    }

    @Serdeable
    public record AppCredential(String appId, String secret, String role, List<String> scopes, List<String> ipRanges,
                                @Nullable Instant expiresAt) {
    }

    /** A Gluster application's secret, which the gateway needs to verify its JWTs, and its grant. */
    @Get("/apps/{appId}")
    public AppCredential app(String appId) {
        return apps.credential(appId)
                .map(app -> new AppCredential(appId, app.secret(), app.grant().role().id(), app.grant().scopes(),
                        app.grant().ipRanges(), app.grant().expiresAt()))
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.APP_NOT_FOUND, appId));
    }

    @Serdeable
    public record KeyCredential(String accessKeyId, String secret, String role, List<String> scopes, List<String> ipRanges,
                                @Nullable Instant expiresAt) {
    }

    /** An access key's secret, which the gateway needs to verify a JuiceFS signature, and its grant. */
    @Get("/keys/{accessKeyId}")
    public KeyCredential key(String accessKeyId) {
        return keys.credential(accessKeyId)
                .map(key -> new KeyCredential(accessKeyId, key.secret(), key.grant().role().id(), key.grant().scopes(),
                        key.grant().ipRanges(), key.grant().expiresAt()))
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.KEY_NOT_FOUND, accessKeyId));
    }

    @Serdeable
    public record ApiTokenKey(String secretKey) {
    }

    /** The Jidoteki API token's secret key, which the gateway needs to verify ?token= and ?hash=. */
    @Get("/api-token")
    public ApiTokenKey apiToken() {
        return apiToken.currentSecretKey().map(ApiTokenKey::new)
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.API_TOKEN_NOT_SET, "POST /api/v1/admin/setup first"));
    }

    @Serdeable
    public record BearerCredential(String id, String name, String role, List<String> scopes, List<String> ipRanges,
                                   @Nullable Instant expiresAt) {
    }

    @Get("/bearer-tokens/{hash}")
    public BearerCredential bearerToken(String hash) {
        if (!TokenHash.isWellFormed(hash)) {
            throw new ProblemException(IdentityErrorCode.TOKEN_HASH_INVALID, "got " + hash.length() + " characters");
        }
        BearerToken token = tokens.findActiveByHash(hash)
                .orElseThrow(() -> new ProblemException(IdentityErrorCode.CREDENTIAL_NOT_FOUND, "no active bearer token with this hash"));
        return new BearerCredential(token.id(), token.name(), token.role().id(), token.scopes(), token.ipRanges(), token.expiresAt());
    }
}
