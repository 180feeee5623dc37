package dev.steward.gateway.signing;

import dev.steward.common.crypto.Crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Gluster REST API tokens: {@code Authorization: Bearer <JWT HS256>} with {@code iss} = app id,
 * {@code iat}, {@code exp} and {@code qsh} = sha256hex("METHOD\nPATH" [+ "\nQUERY"] [+ "\nBODY"]).
 */
public final class GlusterJwt {

    private GlusterJwt() {
    }

    public enum Failure { MALFORMED, WRONG_ALGORITHM, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID, MISSING_CLAIM, WRONG_QSH }

    /** A token parsed but not yet verified: the issuer names the app whose secret verifies it. */
    public record Token(SignedJWT jwt, String issuer) {
    }

    public static boolean looksLikeJwt(String bearer) {
        int first = bearer.indexOf('.');
        return first > 0 && bearer.indexOf('.', first + 1) > first + 1 && bearer.startsWith("eyJ");
    }

    public static Optional<Token> parse(String bearer) {
        try {
            SignedJWT jwt = SignedJWT.parse(bearer);
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            return issuer == null || issuer.isEmpty() ? Optional.empty() : Optional.of(new Token(jwt, issuer));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The body is hashed as the bytes sent, not decoded: decoding maps every invalid UTF-8 byte to
     * U+FFFD, so two bodies differing in one such byte had the same qsh. For UTF-8 bodies (all the
     * reference's clients send) the bytes hashed are the same as before.
     */
    public static String qsh(String method, String path, @Nullable String rawQuery, @Nullable byte[] body) {
        StringBuilder resource = new StringBuilder(method).append('\n').append(path);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            resource.append('\n').append(rawQuery);
        }
        ByteArrayOutputStream hashed = new ByteArrayOutputStream();
        hashed.writeBytes(resource.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && body.length > 0) {
            hashed.write('\n');
            hashed.writeBytes(body);
        }
        return Crypto.sha256Hex(hashed.toByteArray());
    }

    /** @return empty when the token is valid for this request, else why it is not */
    public static Optional<Failure> verify(Token token, String appSecret, String expectedQsh, Instant now, Duration skew) {
        SignedJWT jwt = token.jwt();
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return Optional.of(Failure.WRONG_ALGORITHM);
        }
        try {
            if (!jwt.verify(new MACVerifier(padded(appSecret)))) {
                return Optional.of(Failure.BAD_SIGNATURE);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            Date issued = claims.getIssueTime();
            Object qsh = claims.getClaim("qsh");
            if (expires == null || issued == null || !(qsh instanceof String)) {
                return Optional.of(Failure.MISSING_CLAIM);
            }
            if (!now.minus(skew).isBefore(expires.toInstant())) {
                return Optional.of(Failure.EXPIRED);
            }
            if (issued.toInstant().isAfter(now.plus(skew))) {
                return Optional.of(Failure.NOT_YET_VALID);
            }
            if (!Crypto.constantTimeEquals(expectedQsh, (String) qsh)) {
                return Optional.of(Failure.WRONG_QSH);
            }
            return Optional.empty();
        } catch (JOSEException | ParseException e) {
            return Optional.of(Failure.MALFORMED);
        }
    }

    /**
     * Nimbus refuses HMAC keys under 256 bits, but Gluster apps use whatever secret was registered
     * (the reference's own example is "myappsecret"). HMAC pads short keys with zeros itself, so
     * padding here verifies exactly what PyJWT signed.
     */
    private static byte[] padded(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }
}
