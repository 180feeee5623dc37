package dev.steward.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.gateway.signing.GlusterJwt;
import dev.steward.gateway.signing.JuiceFsSignature;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For random requests signed by each scheme: a request with any one byte changed (method, path,
 * query or body) is refused, and any re-encoding of an accepted signature is the same signature to
 * the replay memory (issue 12, finding 2).
 */
class SignaturePropertiesTest {

    private static final String SECRET = "a-key-secret-of-thirty-two-bytes-or-more";
    private static final String HOST = "steward.example:8080";
    private static final Instant NOW = Instant.ofEpochSecond(1_796_000_000L);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String PATH_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_.~/";
    private static final String QUERY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** A request as both schemes sign it; the query is name=value pairs of letters and digits. */
    record Request(String method, String path, List<String[]> query, byte[] body) {

        String rawQuery() {
            return query.isEmpty() ? null : query.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
        }

        /** This request with one byte changed: {@code field} picks method, path, query or body. */
        Request changed(int field, int position, int delta) {
            switch (field % 4) {
                case 0:
                    return new Request(METHODS.get((METHODS.indexOf(method) + 1 + delta % (METHODS.size() - 1)) % METHODS.size()),
                            path, query, body);
                case 1:
                    return new Request(method, "/" + changedChar(path.substring(1), position, delta, PATH_CHARS), query, body);
                case 2:
                    if (!query.isEmpty()) {
                        List<String[]> changed = query.stream().map(String[]::clone).toList();
                        String[] pair = changed.get(position % changed.size());
                        int side = delta % 2;
                        pair[side] = changedChar(pair[side], position, delta, QUERY_CHARS);
                        return new Request(method, path, changed, body);
                    }
                    return changed(field + 1, position, delta);
                default:
                    if (body.length > 0) {
                        byte[] changed = body.clone();
                        changed[position % changed.length] ^= (byte) (1 + delta % 255);
                        return new Request(method, path, query, changed);
                    }
                    return changed(field + 1, position, delta);
            }
        }

        private static String changedChar(String text, int position, int delta, String alphabet) {
            int at = position % text.length();
            char next = alphabet.charAt((alphabet.indexOf(text.charAt(at)) + 1 + delta % (alphabet.length() - 1)) % alphabet.length());
            return text.substring(0, at) + next + text.substring(at + 1);
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> method = Arbitraries.of(METHODS);
        Arbitrary<String> path = Arbitraries.strings().withChars(PATH_CHARS).ofMinLength(1).ofMaxLength(60).map(tail -> "/" + tail);
        Arbitrary<String> word = Arbitraries.strings().withChars(QUERY_CHARS).ofMinLength(1).ofMaxLength(12);
        Arbitrary<List<String[]>> query = Combinators.combine(word, word).as((name, value) -> new String[] {name, value})
                .list().ofMaxSize(5);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Combinators.combine(method, path, query, body).as(Request::new);
    }

    private static String juiceFsCanonical(Request request, long timestamp) {
        return JuiceFsSignature.canonicalRequest(timestamp, request.method(), request.path(), HOST, request.rawQuery(), request.body());
    }

    @Property(tries = 2000)
    void juiceFsRefusesAnyChangedByte(@ForAll("requests") Request request, @ForAll @IntRange(min = 0, max = 3) int field,
                                      @ForAll @IntRange(min = 0, max = 10_000) int position,
                                      @ForAll @IntRange(min = 0, max = 10_000) int delta) {
        long timestamp = NOW.getEpochSecond();
        String signature = JuiceFsSignature.sign(SECRET, juiceFsCanonical(request, timestamp));
        assertTrue(JuiceFsSignature.signatureMatches(SECRET, juiceFsCanonical(request, timestamp), signature));

        Request changed = request.changed(field, position, delta);
        assertFalse(JuiceFsSignature.signatureMatches(SECRET, juiceFsCanonical(changed, timestamp), signature), changed.toString());
    }

    @Property(tries = 1000)
    void juiceFsReEncodedSignatureIsAReplay(@ForAll("requests") Request request, @ForAll long caseMask) {
        long timestamp = NOW.getEpochSecond();
        String canonical = juiceFsCanonical(request, timestamp);
        String signature = JuiceFsSignature.sign(SECRET, canonical);
        StringBuilder reCased = new StringBuilder(signature);
        for (int i = 0; i < reCased.length(); i++) {
            if ((caseMask >>> (i % 64) & 1) == 1) {
                reCased.setCharAt(i, Character.toUpperCase(reCased.charAt(i)));
            }
        }
        String reEncoded = reCased.toString();
        assertTrue(JuiceFsSignature.signatureMatches(SECRET, canonical, reEncoded), "the reference accepts either case");

        assertSameUse(JuiceFsAuthenticator.usedSignature(new JuiceFsSignature.Authorization("GKkey", timestamp, signature, 1), SKEW),
                JuiceFsAuthenticator.usedSignature(new JuiceFsSignature.Authorization("GKkey", timestamp, reEncoded, 1), SKEW));
    }

    private static GlusterJwt.Token glusterToken(Request request) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("app-1").issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(120)))
                .claim("qsh", GlusterJwt.qsh(request.method(), request.path(), request.rawQuery(), request.body())).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));
        return GlusterJwt.parse(jwt.serialize()).orElseThrow();
    }

    private static Optional<GlusterJwt.Failure> glusterVerify(GlusterJwt.Token token, Request request) {
        return GlusterJwt.verify(token, SECRET, GlusterJwt.qsh(request.method(), request.path(), request.rawQuery(), request.body()),
                NOW, SKEW);
    }

    @Property(tries = 2000)
    void glusterRefusesAnyChangedByte(@ForAll("requests") Request request, @ForAll @IntRange(min = 0, max = 3) int field,
                                      @ForAll @IntRange(min = 0, max = 10_000) int position,
                                      @ForAll @IntRange(min = 0, max = 10_000) int delta) throws Exception {
        GlusterJwt.Token token = glusterToken(request);
        assertEquals(Optional.empty(), glusterVerify(token, request));

        Request changed = request.changed(field, position, delta);
        assertEquals(Optional.of(GlusterJwt.Failure.WRONG_QSH), glusterVerify(token, changed),
                () -> describe(request) + " -> " + describe(changed));
    }

    private static String describe(Request request) {
        return request.method() + " " + request.path() + "?" + request.rawQuery() + " body " + Arrays.toString(request.body());
    }

    /**
     * Re-encodings of the signature segment that decode to the same bytes: '=' padding, and the
     * unused low bits of base64's last character (32 bytes are 43 characters, the last carrying 4 bits).
     */
    @Property(tries = 1000)
    void glusterReEncodedSignatureIsAReplay(@ForAll("requests") Request request, @ForAll @IntRange(min = 0, max = 3) int unusedBits,
                                           @ForAll boolean padded) throws Exception {
        GlusterJwt.Token token = glusterToken(request);
        String serialized = token.jwt().serialize();
        int dot = serialized.lastIndexOf('.');
        String signature = serialized.substring(dot + 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(signature.charAt(signature.length() - 1));
        String reEncoded = signature.substring(0, signature.length() - 1) + alphabet.charAt((last & ~3) | unusedBits) + (padded ? "=" : "");
        assertTrue(Arrays.equals(Base64.getUrlDecoder().decode(signature), Base64.getUrlDecoder().decode(reEncoded.replace("=", ""))),
                "the re-encoding decodes to the same bytes");

        Optional<GlusterJwt.Token> again = GlusterJwt.parse(serialized.substring(0, dot + 1) + reEncoded);
        if (again.isEmpty() || glusterVerify(again.get(), request).isPresent()) {
            return; // refused outright: not a replay the memory has to catch
        }
        Instant expires = NOW.plusSeconds(120);
        assertSameUse(GlusterAuthenticator.usedSignature(token, expires, SKEW), GlusterAuthenticator.usedSignature(again.get(), expires, SKEW));
    }

    /** The second is the first one's replay: the same memory key, refused by a guard that saw the first. */
    private static void assertSameUse(UsedSignature first, UsedSignature second) {
        assertEquals(first.key(), second.key());
        ReplayGuard guard = new ReplayGuard(null);
        assertTrue(guard.firstUseHere(first.key(), first.lastAcceptable(), NOW));
        assertFalse(guard.firstUseHere(second.key(), second.lastAcceptable(), NOW));
    }
}
