package dev.steward.gateway.auth;

import reactor.core.publisher.Mono;

import java.util.function.Function;

/**
 * A credential found on a request, not yet verified.
 *
 * @param inQuery   carried in the query string (Jidoteki's ?token= and ?hash=): accepted only on routes that allow it
 * @param signsBody its signature covers the body, which is then read (capped) before verification
 * @param verifier  verifies it, given the body when {@code signsBody}, else an empty one
 */
public record PresentedCredential(String scheme, boolean inQuery, boolean signsBody, Function<byte[], Mono<Verification>> verifier) {

    /** A signature over the request, body included (JuiceFS, Gluster). */
    public static PresentedCredential signed(String scheme, Function<byte[], Mono<Verification>> verifier) {
        return new PresentedCredential(scheme, false, true, verifier);
    }

    /** A credential in a header that does not cover the body (a bearer token). */
    public static PresentedCredential header(String scheme, Function<byte[], Mono<Verification>> verifier) {
        return new PresentedCredential(scheme, false, false, verifier);
    }

    /** A credential in the query string (Jidoteki). */
    public static PresentedCredential query(String scheme, Function<byte[], Mono<Verification>> verifier) {
        return new PresentedCredential(scheme, true, false, verifier);
    }

    public Mono<Verification> verify(byte[] body) {
        return verifier.apply(body);
    }
}
