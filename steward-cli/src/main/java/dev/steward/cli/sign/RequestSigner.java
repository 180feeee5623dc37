package dev.steward.cli.sign;

import dev.steward.cli.config.Profile;

import java.time.Clock;
import java.util.Map;

/** Signs one request as its scheme's reference client would. */
public interface RequestSigner {

    /**
     * @param request the method, path, query and body as they will be sent
     * @return the query parameters and headers to add
     */
    Signature sign(Request request);

    /** A request before signing; {@code query} is decoded names and values, in order. */
    record Request(String method, String host, String path, Query query, byte[] body) {
    }

    /** What the scheme adds to the request. */
    record Signature(Map<String, String> query, Map<String, String> headers) {
        static Signature header(String name, String value) {
            return new Signature(Map.of(), Map.of(name, value));
        }
    }

    static RequestSigner of(Profile profile, Clock clock) {
        return switch (profile.scheme()) {
            case BEARER -> new BearerSigner(profile.key());
            case JUICEFS -> new JuiceFsSigner(profile.key(), profile.secret(), clock);
            case JIDOTEKI -> new JidotekiHashSigner(profile.key());
            case GLUSTER -> new GlusterJwtSigner(profile.key(), profile.secret(), clock);
        };
    }
}
