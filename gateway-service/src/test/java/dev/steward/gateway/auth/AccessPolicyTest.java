package dev.steward.gateway.auth;

import dev.steward.common.security.Grant;
import dev.steward.common.security.Role;
import dev.steward.gateway.error.GatewayErrorCode;
import dev.steward.gateway.route.ConfiguredRoutes;
import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The gateway's decisions, against the configured route table, as a table of cases. */
class AccessPolicyTest {

    private static RouteTable table;
    private final AccessPolicy policy = new AccessPolicy();

    @BeforeAll
    static void routes() throws Exception {
        table = ConfiguredRoutes.table();
    }

    private static Verification as(Role role, String... scopes) {
        return Verification.verified(Principal.of("token:" + role.id(), role, List.of(scopes), "garage-bearer"));
    }

    /** The decision's error code, or "allowed". */
    private String decide(String method, String path, Verification verification, boolean glusterAuth) throws Exception {
        Route route = table.match(path).orElseThrow();
        AccessPolicy.Decision decision = policy.decide(route, route.operation(method), verification,
                InetAddress.getByName("192.0.2.10"), glusterAuth);
        return decision instanceof AccessPolicy.Refused refused ? refused.code().name() : "allowed";
    }

    @ParameterizedTest(name = "{1} {2} as {0} -> {3}")
    @CsvSource({
            // role,    method, path,                            expected
            "admin,     POST,   /v0/key,                         allowed",
            "operator,  POST,   /v0/key,                         ROLE_INSUFFICIENT",
            "auditor,   GET,    /v0/key,                         allowed",
            "metrics,   GET,    /v0/key,                         ROLE_INSUFFICIENT",
            "none,      GET,    /v0/status,                      ROLE_INSUFFICIENT",
            "operator,  POST,   /v0/connect,                     allowed",
            "auditor,   POST,   /v0/connect,                     ROLE_INSUFFICIENT",
            "operator,  POST,   /v0/bucket/allow,                allowed",
            "metrics,   GET,    /metrics,                        allowed",
            "none,      GET,    /metrics,                        ROLE_INSUFFICIENT",
            "metrics,   GET,    /api/v1/admin/services,          ROLE_INSUFFICIENT",
            "metrics,   GET,    /api/v1/admin/health,            ROLE_INSUFFICIENT",
            "metrics,   GET,    /api/v1/admin/endpoints,         ROLE_INSUFFICIENT",
            "auditor,   GET,    /api/v1/admin/services,          allowed",
            "auditor,   GET,    /api/v1/admin/reboot,            ROLE_INSUFFICIENT",
            "auditor,   GET,    /api/v1/admin/logs,              ROLE_INSUFFICIENT",
            "auditor,   GET,    /api/v1/admin/debug,             ROLE_INSUFFICIENT",
            "operator,  GET,    /api/v1/admin/reboot,            allowed",
            "operator,  GET,    /api/v1/admin/backup/download,   ROLE_INSUFFICIENT",
            "operator,  POST,   /api/v1/admin/backup/restore,    ROLE_INSUFFICIENT",
            "admin,     GET,    /api/v1/admin/backup/download,   allowed",
            "operator,  POST,   /api/v1/admin/backup,            allowed",
            "operator,  POST,   /api/v1/admin/certs,             ROLE_INSUFFICIENT",
            "operator,  POST,   /v1/apps,                        ROLE_INSUFFICIENT",
            "operator,  POST,   /steward/v1/tokens,              ROLE_INSUFFICIENT",
            "auditor,   GET,    /steward/v1/audit,               allowed",
            "metrics,   GET,    /gateway/prometheus,             allowed",
            "metrics,   GET,    /gateway/health,                 allowed",
            "none,      GET,    /health,                         allowed",
    })
    void rolesDecide(String role, String method, String path, String expected) throws Exception {
        assertEquals(expected, decide(method, path, as(Role.parse(role).orElseThrow(), "*"), true));
    }

    /** Finding 4 of issue 12: GET on a job-starting route is a write for scopes too. */
    @Test
    void aReadScopeStartsNoJob() throws Exception {
        assertEquals("SCOPE_MISSING", decide("GET", "/api/v1/admin/reboot", as(Role.ADMIN, "*:read"), true));
        assertEquals("allowed", decide("GET", "/api/v1/admin/version", as(Role.ADMIN, "*:read"), true));
        assertEquals("SCOPE_MISSING", decide("GET", "/v0/status", as(Role.ADMIN, "keys:*"), true));
    }

    @Test
    void unsignedCallers() throws Exception {
        assertEquals("ACCESS_DENIED", decide("GET", "/v0/status", Verification.NONE, true));
        assertEquals("AUTHENTICATION_REQUIRED", decide("GET", "/v1/peers", Verification.NONE, true), "Gluster answers 401");
        assertEquals("AUTHENTICATION_REQUIRED", decide("GET", "/gateway/prometheus", Verification.NONE, true));
        assertEquals("allowed", decide("GET", "/gateway/health/liveness", Verification.NONE, true));
        assertEquals("allowed", decide("POST", "/api/v1/admin/setup", Verification.NONE, true), "identity decides the first setup");
        assertEquals("allowed", decide("GET", "/v1/peers", Verification.NONE, false), "Gluster auth off");
        assertEquals("AUTHENTICATION_REQUIRED", decide("GET", "/v1/apps", Verification.NONE, false), "apps always need a signature");
        assertEquals("ACCESS_DENIED", decide("GET", "/v0/status", Verification.failed("wrong signature"), true));

        Route peers = table.match("/v1/peers").orElseThrow();
        AccessPolicy.Decision open = policy.decide(peers, "write", Verification.NONE, InetAddress.getByName("192.0.2.1"), false);
        assertSame(AccessPolicy.GLUSTER_AUTH_DISABLED, assertInstanceOf(AccessPolicy.Allowed.class, open).principal());
    }

    @Test
    void ipRangesLimitWhereACredentialWorks() throws Exception {
        Verification office = Verification.verified(Principal.of("key:office",
                new Grant(Role.ADMIN, List.of("*"), List.of("10.0.0.0/8"), null), "juicefs-hmac"));
        assertEquals("ACCESS_DENIED", decide("GET", "/v0/status", office, true), "outside its ranges it is no credential");
        Route status = table.match("/v0/status").orElseThrow();
        assertInstanceOf(AccessPolicy.Allowed.class, policy.decide(status, "read", office, InetAddress.getByName("10.1.2.3"), true));
        assertInstanceOf(AccessPolicy.Refused.class, policy.decide(status, "read", office, null, true), "an unknown address");
    }

    /** Finding 5 of issue 12: Jidoteki's query credentials were accepted on every route. */
    @Test
    void queryCredentialsOnlyWhereTheRouteTakesThem() {
        PresentedCredential query = PresentedCredential.query("jidoteki-token", body -> Mono.just(Verification.NONE));
        assertEquals(GatewayErrorCode.QUERY_CREDENTIALS_NOT_ALLOWED,
                policy.admitScheme(table.match("/v0/key").orElseThrow(), query).orElseThrow().code());
        assertEquals(GatewayErrorCode.QUERY_CREDENTIALS_NOT_ALLOWED,
                policy.admitScheme(table.match("/v1/volumes").orElseThrow(), query).orElseThrow().code());
        assertEquals(true, policy.admitScheme(table.match("/api/v1/admin/version").orElseThrow(), query).isEmpty());
    }
}
