package dev.steward.gateway.e2e;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A credential change is in force on every gateway once it is answered: changed through one gateway,
 * the old credential is tried at once — no sleep, no retry — on the other, which had it cached. And a
 * gateway that cannot confirm (frozen) must not accept it afterwards, while the change is answered
 * within the lease bound all the same.
 */
class CredentialReadYourWritesE2EIT extends AbstractStackE2E {

    private static final int ROUNDS = 50;

    @Override
    protected StewardStack startStack() throws Exception {
        // A cache that would keep a credential for ten minutes: only the lease protocol can make a gateway drop it.
        return StewardStack.start(2, Map.of("STEWARD_GATEWAY_CREDENTIAL_CACHE_TTL", "10m"));
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return exchange(method, stack.url("gateway") + path, stack.adminToken(), body, "application/json");
    }

    private int status(String gateway, String bearer) throws Exception {
        return exchange("GET", stack.url(gateway) + "/v0/status", bearer, null, null).statusCode();
    }

    @Test
    void aRevokedTokenIsRefusedByTheOtherGatewayAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "ryw-token-" + round;
            HttpResponse<String> issued = admin("POST", "/steward/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"auditor\"}");
            assertEquals(201, issued.statusCode(), issued.body());
            String token = (String) object(issued).get("token");
            assertEquals(200, status("gateway-2", token), "round " + round + ": the other gateway accepts (and caches) the new token");

            assertEquals(204, admin("DELETE", "/steward/v1/tokens/" + name, null).statusCode());
            assertNotEquals(200, status("gateway-2", token), "round " + round + ": a revoked token still works on the other gateway");
        }
    }

    @Test
    void aResetOrDeletedAppsOldJwtsAreRefusedAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String appId = "ryw-app-" + round;
            HttpResponse<String> added = admin("POST", "/v1/apps", "{\"id\":\"" + appId + "\",\"secret\":\"first-secret\",\"role\":\"auditor\"}");
            assertEquals(201, added.statusCode(), added.body());
            long now = System.currentTimeMillis() / 1000;
            assertEquals(200, status("gateway-2", GlusterTokens.jwt(appId, "first-secret", "GET\n/v0/status", now, now + 300)));

            assertEquals(200, admin("PUT", "/v1/apps/" + appId, "{\"secret\":\"second-secret\"}").statusCode());
            assertNotEquals(200, status("gateway-2", GlusterTokens.jwt(appId, "first-secret", "GET\n/v0/status", now, now + 300)),
                    "round " + round + ": a JWT signed with the reset secret still works");
            assertEquals(200, status("gateway-2", GlusterTokens.jwt(appId, "second-secret", "GET\n/v0/status", now, now + 300)));

            assertEquals(204, admin("DELETE", "/v1/apps/" + appId, null).statusCode());
            assertNotEquals(200, status("gateway-2", GlusterTokens.jwt(appId, "second-secret", "GET\n/v0/status", now, now + 300)),
                    "round " + round + ": a deleted app's JWT still works");
        }
    }

    @Test
    void theOldJidotekiTokenStopsAtOnceAfterSetup() throws Exception {
        String current = "ryw-jidoteki-" + UUID.randomUUID();
        assertEquals(200, setup("gateway", "", current).statusCode());
        for (int round = 0; round < 10; round++) {
            assertEquals(200, version("gateway-2", current), "round " + round + ": the current token works (and is cached)");
            String next = "ryw-jidoteki-" + UUID.randomUUID();
            HttpResponse<String> changed = setup("gateway", "?token=" + current, next);
            assertEquals(200, changed.statusCode(), changed.body());
            assertNotEquals(200, version("gateway-2", current), "round " + round + ": the replaced token still works on the other gateway");
            current = next;
        }
    }

    @Test
    void aFrozenGatewayDelaysARevocationByAtMostItsLeaseAndThenRefuses() throws Exception {
        HttpResponse<String> issued = admin("POST", "/steward/v1/tokens", "{\"name\":\"ryw-frozen\",\"role\":\"auditor\"}");
        String token = (String) object(issued).get("token");
        assertEquals(200, status("gateway-2", token));

        stack.pause("gateway-2");
        long answeredIn;
        try {
            long started = System.nanoTime();
            assertEquals(204, admin("DELETE", "/steward/v1/tokens/ryw-frozen", null).statusCode());
            answeredIn = (System.nanoTime() - started) / 1_000_000;
        } finally {
            stack.resume("gateway-2");
        }
        System.out.println("revocation answered in " + answeredIn + " ms with one gateway frozen");
        // The bound is the lease (800 ms); generous here because the machine is shared.
        assertTrue(answeredIn < 5000, "a frozen gateway held the revocation for " + answeredIn + " ms");
        assertNotEquals(200, status("gateway-2", token), "the thawed gateway accepted a token revoked while it was frozen");
    }

    private HttpResponse<String> setup(String gateway, String query, String newToken) throws Exception {
        String boundary = "ryw-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"newtoken\"\r\n\r\n" + newToken + "\r\n--" + boundary + "--\r\n";
        return exchange("POST", stack.url(gateway) + "/api/v1/admin/setup" + query, null, body, "multipart/form-data; boundary=" + boundary);
    }

    private int version(String gateway, String jidotekiToken) throws Exception {
        return exchange("GET", stack.url(gateway) + "/api/v1/admin/version?token=" + jidotekiToken, null, null, null).statusCode();
    }
}
