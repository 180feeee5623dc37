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
    /** Micronaut Security's default roles claim: {@link Role#claims()}. */
    public static final String ROLES = "roles";
    /** The credential's one role ({@link Role#id()}), which bounds what it may delegate. */
    public static final String ROLE = "role";
    /** The credential's IP ranges (CIDR; absent or empty: anywhere), which bound what it may delegate. */
    public static final String IP_RANGES = "ipr";
    /** When the credential itself expires (epoch seconds; absent: never), which bounds what it may delegate. */
    public static final String CREDENTIAL_EXPIRES = "cexp";

    /** Claimed by every credential with an admin-API role (admin, operator, auditor): what services' controllers require. */
    public static final String ROLE_API = "API";
    /** Role of admin credentials (Garage admin token and its equivalents). */
    public static final String ROLE_ADMIN = "ADMIN";
    /** Role of operators: everything but credentials, setup, certificates, license and restore. */
    public static final String ROLE_OPERATOR = "OPERATOR";
    /** Role of auditors: reads only. */
    public static final String ROLE_AUDITOR = "AUDITOR";
    /** Role of metrics-only credentials. */
    public static final String ROLE_METRICS = "METRICS";
    /** Role of Steward's own services calling each other (e.g. the gateway looking up credentials). */
    public static final String ROLE_SERVICE = "SERVICE";
}
