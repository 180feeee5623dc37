package dev.steward.cli.config;

import java.util.Locale;

/** The four signing schemes Steward's gateway accepts, as a profile names them. */
public enum Scheme {
    /** Garage admin API: {@code Authorization: Bearer <admin token>}. */
    BEARER,
    /** JuiceFS console: HMAC-SHA256 over the request with an access key and its secret. */
    JUICEFS,
    /** Jidoteki admin API: {@code ?hash=} HMAC of the method and path, keyed with the API token's hash. */
    JIDOTEKI,
    /** Gluster REST: an HS256 JWT per request from an app id and secret, bound to it by {@code qsh}. */
    GLUSTER;

    public static Scheme parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scheme '" + name + "': use bearer, juicefs, jidoteki or gluster");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
