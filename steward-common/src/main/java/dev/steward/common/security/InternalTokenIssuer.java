package dev.steward.common.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints the short-lived internal JWT that carries a verified principal to a service, signed ES256
 * with the gateways' private key ({@link InternalJwtKeys}); services verify it with the public key
 * only ({@link InternalTokenVerification}).
 */
@Singleton
@Requires(property = "steward.internal-jwt.private-key")
public class InternalTokenIssuer {

    private final ECDSASigner signer;
    private final Duration lifetime;

    @Inject
    public InternalTokenIssuer(@Value("${steward.internal-jwt.private-key}") String privateKey,
                               @Value("${steward.internal-jwt.lifetime:30s}") Duration lifetime) {
        this(InternalJwtKeys.privateKey(privateKey), lifetime);
    }

    public InternalTokenIssuer(ECPrivateKey privateKey, Duration lifetime) {
        try {
            this.signer = new ECDSASigner(privateKey);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        this.lifetime = lifetime;
    }

    /** A token for a verified caller holding {@code grant}. */
    public String issue(String subject, Grant grant, String scheme, @Nullable String clientIp) {
        return issue(subject, grant.role().claims(), grant, scheme, clientIp);
    }

    /** A token for a caller with {@code role}, {@code scopes}, no IP ranges and no expiry (tests, service principals). */
    public String issue(String subject, Role role, List<String> scopes, String scheme, @Nullable String clientIp) {
        return issue(subject, new Grant(role, scopes, List.of(), null), scheme, clientIp);
    }

    private String issue(String subject, List<String> roles, Grant grant, String scheme, @Nullable String clientIp) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(InternalClaims.ISSUER)
                .audience(InternalClaims.AUDIENCE)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim(InternalClaims.ROLES, roles)
                .claim(InternalClaims.ROLE, grant.role().id())
                .claim(InternalClaims.SCOPES, grant.scopes())
                .claim(InternalClaims.SCHEME, scheme);
        if (!grant.ipRanges().isEmpty()) {
            claims.claim(InternalClaims.IP_RANGES, grant.ipRanges());
        }
        if (grant.expiresAt() != null) {
            claims.claim(InternalClaims.CREDENTIAL_EXPIRES, grant.expiresAt().getEpochSecond());
        }
        if (clientIp != null) {
            claims.claim(InternalClaims.CLIENT_IP, clientIp);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign internal token", e);
        }
        return jwt.serialize();
    }

    /** A token for a Steward service calling another one on its own behalf. */
    public String issueForService(String serviceName) {
        return issue("service:" + serviceName, List.of(InternalClaims.ROLE_SERVICE), new Grant(Role.NONE, List.of(), List.of(), null),
                "internal", null);
    }
}
