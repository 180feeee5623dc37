package dev.steward.gateway.route;

import dev.steward.common.security.Role;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One entry of {@code steward.gateway.routes}: a path pattern ({@code *} = one segment), the
 * service that owns it, and the status a refused request gets on it (as that path's reference says).
 */
@EachProperty(value = "steward.gateway.routes", list = true)
public class RouteConfiguration {

    private final int index;
    private String pattern;
    private String service;
    private int refusalStatus = 403;
    private boolean anonymous;
    private String scope;
    private boolean jsonBody;
    private boolean gluster;
    private boolean followsGlusterAuth;
    private String readRole;
    private String writeRole;
    private String writes;
    private boolean jidoteki;
    private java.time.Duration timeout;

    public RouteConfiguration(@Parameter Integer index) {
        this.index = index;
    }

    public int getIndex() {
        return index;
    }

    public String getPattern() {
        return pattern;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public int getRefusalStatus() {
        return refusalStatus;
    }

    public void setRefusalStatus(int refusalStatus) {
        this.refusalStatus = refusalStatus;
    }

    /** The scope area callers need ({@code <area>:read} for GET/HEAD, else {@code <area>:write}); defaults to the service. */
    public String getScope() {
        return scope == null ? service : scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    /** Forward callers without valid credentials as "anonymous" and let the owning service decide. */
    public boolean isAnonymous() {
        return anonymous;
    }

    public void setAnonymous(boolean anonymous) {
        this.anonymous = anonymous;
    }

    /**
     * Bodies on this route are JSON whatever the client labels them (Garage reads them so): one sent
     * without a Content-Type or as a form, as {@code curl -d} does, is forwarded as application/json.
     */
    public boolean isJsonBody() {
        return jsonBody;
    }

    public void setJsonBody(boolean jsonBody) {
        this.jsonBody = jsonBody;
    }

    /** Part of the Gluster REST API: HTTPS-only while its {@code https} setting is enabled. */
    public boolean isGluster() {
        return gluster;
    }

    public void setGluster(boolean gluster) {
        this.gluster = gluster;
    }

    /**
     * Open to unsigned callers while Gluster's {@code auth} setting is disabled (peers and volumes;
     * apps and config always need a signature, so that the setting can be switched back).
     */
    public boolean isFollowsGlusterAuth() {
        return followsGlusterAuth;
    }

    public void setFollowsGlusterAuth(boolean followsGlusterAuth) {
        this.followsGlusterAuth = followsGlusterAuth;
    }

    /** The role GET and HEAD need: admin, operator, auditor, metrics or none. Required on every route. */
    public String getReadRole() {
        return readRole;
    }

    public void setReadRole(String readRole) {
        this.readRole = readRole;
    }

    /** The role every other method needs. Required on every route. */
    public String getWriteRole() {
        return writeRole;
    }

    public void setWriteRole(String writeRole) {
        this.writeRole = writeRole;
    }

    /** {@code by-method} (GET and HEAD read) or {@code always} (the route has side effects on GET too). Required. */
    public String getWrites() {
        return writes;
    }

    public void setWrites(String writes) {
        this.writes = writes;
    }

    /** Jidoteki's {@code ?token=} and {@code ?hash=} are accepted on this route. */
    public boolean isJidoteki() {
        return jidoteki;
    }

    public void setJidoteki(boolean jidoteki) {
        this.jidoteki = jidoteki;
    }

    /** How long the owning service may take to answer on this route; null: the gateway's default. */
    public java.time.Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(java.time.Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The route's access decision. Nothing is defaulted: a route that does not say who may read it,
     * who may write it and whether GET writes stops the gateway at start-up, naming the route.
     */
    public Access access() {
        Role read = role("read-role", readRole);
        Role write = role("write-role", writeRole);
        boolean always = switch (String.valueOf(writes)) {
            case "by-method" -> false;
            case "always" -> true;
            default -> throw new IllegalStateException("route " + pattern + ": set writes to by-method or always (got " + writes + ")");
        };
        return new Access(read, write, always, anonymous, jidoteki, followsGlusterAuth);
    }

    private Role role(String property, String value) {
        return Role.parse(value).orElseThrow(() -> new IllegalStateException("route " + pattern + ": set " + property
                + " to one of " + Role.ids() + " (got " + value + ")"));
    }
}
