package dev.steward.common.security;

/**
 * The internal JWT the gateway mints for every forwarded request, after it verified the caller's own
 * signature. Services accept nothing else: a request that reaches a service without it is refused.
 */
public final class InternalClaims {

    private InternalClaims() {
    }

    public static final String ISSUER = "steward-gateway";
    public static final String AUDIENCE = "steward-internal";
    /** Client address as the gateway saw it. */
    public static final String CLIENT_IP = "cip";
    /** Which signing scheme the caller used (garage-bearer, juicefs-hmac, gluster-jwt, jidoteki-token). */
    public static final String SCHEME = "scheme";
    /** Operations the credential may call. */
    public static final String SCOPES = "scopes";
    /** Micronaut Security's default roles claim. */
    public static final String ROLES = "roles";

    /** Role of admin credentials (Garage admin token and its equivalents). */
    public static final String ROLE_ADMIN = "ADMIN";
    /** Role of metrics-only credentials. */
    public static final String ROLE_METRICS = "METRICS";
    /** Role of Steward's own services calling each other (e.g. the gateway looking up credentials). */
    public static final String ROLE_SERVICE = "SERVICE";
}
