package dev.steward.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * How a service verifies the gateway's internal JWTs: ES256 under the gateway's public key, the only
 * signature configuration a service has, so an HS256 token is refused whatever its key. A verified
 * token is remembered (by its exact text) for as long as an internal JWT lives: ES256 verification
 * costs about 0.8 ms here, and the gateway reuses a token for the same caller (InternalTokens).
 * Expiry and the other claims are still checked on every request by Micronaut's claim validators.
 */
@Singleton
@Named("internal")
@Requires(property = "steward.internal-jwt.public-key")
public class InternalTokenVerification implements SignatureConfiguration {

    private static final int MAX_REMEMBERED = 10_000;

    private final ECDSAVerifier verifier;
    private final Cache<String, Boolean> verified;

    public InternalTokenVerification(@Value("${steward.internal-jwt.public-key}") String publicKey,
                                     @Value("${steward.internal-jwt.lifetime:30s}") Duration lifetime) {
        try {
            this.verifier = new ECDSAVerifier(InternalJwtKeys.publicKey(publicKey));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("steward.internal-jwt.public-key: " + e.getMessage(), e);
        }
        this.verified = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(lifetime).build();
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the ES256 JWS algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.ES256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        String text = jwt.getParsedString();
        if (text != null && verified.getIfPresent(text) != null) {
            return true;
        }
        boolean valid = supports(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier);
        if (valid && text != null) {
            verified.put(text, Boolean.TRUE); // only good signatures: a flood of forgeries fills nothing
        }
        return valid;
    }
}
