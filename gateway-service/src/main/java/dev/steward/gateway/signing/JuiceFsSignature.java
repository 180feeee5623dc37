package dev.steward.gateway.signing;

import dev.steward.common.crypto.Crypto;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JuiceFS console request signing. {@code Authorization} is base64 of
 * {@code {"access_key", "timestamp", "signature", "version": 1}}; the signature is
 * HMAC-SHA256(secret, timestamp \n METHOD \n path \n host:<Host> \n sorted query \n sha256hex(body) or '').
 */
public final class JuiceFsSignature {

    static final int MAX_HEADER_LENGTH = 4096;

    private JuiceFsSignature() {
    }

    @Serdeable
    public record Authorization(@Nullable String access_key, @Nullable Long timestamp, @Nullable String signature,
                                @Nullable Integer version) {
    }

    /** The header's fields, or empty when it is not a JuiceFS authorization at all. */
    public static Optional<Authorization> parse(@Nullable String header, JsonMapper json) {
        if (header == null || header.isEmpty() || header.length() > MAX_HEADER_LENGTH || header.indexOf(' ') >= 0) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.trim());
            Authorization authorization = json.readValue(decoded, Authorization.class);
            if (authorization == null || authorization.access_key() == null || authorization.timestamp() == null
                    || authorization.signature() == null || !Integer.valueOf(1).equals(authorization.version())) {
                return Optional.empty();
            }
            return Optional.of(authorization);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The string the client signed. Query values are sorted per name and names are sorted, both
     * percent-encoded with only unreserved characters left as they are, as the reference client does.
     */
    public static String canonicalRequest(long timestamp, String method, String rawPath, String host,
                                          @Nullable String rawQuery, @Nullable byte[] body) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : QueryString.parse(rawQuery).entrySet()) {
            parameter.getValue().stream().sorted().forEach(value ->
                    pairs.add(QueryString.encode(parameter.getKey()) + "=" + QueryString.encode(value)));
        }
        String payloadHash = body == null || body.length == 0 ? "" : Crypto.sha256Hex(body);
        return timestamp + "\n" + method + "\n" + rawPath + "\nhost:" + host + "\n" + String.join("&", pairs) + "\n" + payloadHash;
    }

    public static String sign(String secret, String canonicalRequest) {
        return Crypto.hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8), canonicalRequest);
    }

    public static boolean signatureMatches(String secret, String canonicalRequest, String presentedSignature) {
        return presentedSignature != null && Crypto.constantTimeEquals(sign(secret, canonicalRequest), presentedSignature.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Whether a request timestamp (seconds) is within the allowed clock skew of now. A range compare,
     * not {@code |now - timestamp|}: that difference overflows for timestamps near {@code now - 2^63}
     * (and {@code Math.abs(Long.MIN_VALUE)} is negative), which let any such timestamp through.
     */
    public static boolean withinSkew(long timestampSeconds, Instant now, Duration skew) {
        long nowSeconds = now.getEpochSecond();
        long skewSeconds = skew.getSeconds();
        return timestampSeconds >= nowSeconds - skewSeconds && timestampSeconds <= nowSeconds + skewSeconds;
    }
}
