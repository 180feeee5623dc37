package dev.steward.cli.sign;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The JuiceFS console reference's {@code sign()}: HMAC-SHA256 with the secret over
 * {@code timestamp \n METHOD \n path \n host:<host> \n sorted query \n sha256hex(body) or ''}, sent as base64 of
 * {@code {"access_key", "timestamp", "signature", "version": 1}} in {@code Authorization}.
 */
final class JuiceFsSigner implements RequestSigner {

    private final String accessKey;
    private final String secret;
    private final Clock clock;

    JuiceFsSigner(String accessKey, String secret, Clock clock) {
        this.accessKey = accessKey;
        this.secret = secret;
        this.clock = clock;
    }

    /** The reference sorts names, then each name's values, and url-encodes them with {@code quote}. */
    static String sortedQuery(Query query) {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(query.parameters());
        sorted.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())));
        return String.join("&", sorted.stream().map(entry -> Query.encode(entry.getKey()) + "=" + Query.encode(entry.getValue())).toList());
    }

    static String canonical(long timestamp, Request request) {
        String payloadHash = request.body() == null || request.body().length == 0 ? "" : Digests.sha256Hex(request.body());
        return timestamp + "\n" + request.method() + "\n" + request.path() + "\nhost:" + request.host() + "\n"
                + sortedQuery(request.query()) + "\n" + payloadHash;
    }

    @Override
    public Signature sign(Request request) {
        long timestamp = clock.millis() / 1000;
        String signature = Digests.hmacSha256Hex(secret, canonical(timestamp, request));
        String auth = "{\"access_key\": \"" + accessKey + "\", \"timestamp\": " + timestamp + ", \"signature\": \"" + signature
                + "\", \"version\": 1}";
        return Signature.header("Authorization", Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
}
