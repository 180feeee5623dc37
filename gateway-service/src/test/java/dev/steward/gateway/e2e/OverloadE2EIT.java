package dev.steward.gateway.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway under a flood: a repeated unknown credential is looked up once, an address that keeps
 * failing is paused, and one busy credential is slowed without slowing the others — each refusal a
 * 429 problem+json with Retry-After.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverloadE2EIT extends AbstractStackE2E {

    /** A look-up of an unknown credential is identity's 404, which Micrometer tags NOT_FOUND; nothing else 404s here. */
    private static final Pattern LOOKUPS = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*} ([0-9.E]+)");

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(1, Map.of(
                "STEWARD_GATEWAY_RATE_LIMIT_FAILED_PER_CLIENT_BURST", "8",
                "STEWARD_GATEWAY_RATE_LIMIT_PER_CREDENTIAL_BURST", "20",
                "STEWARD_GATEWAY_RATE_LIMIT_PER_CREDENTIAL_RATE", "2"));
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return exchange("GET", stack.url("gateway") + path, bearer, null, null);
    }

    private String identityMetrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("identity") + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double identityLookups() throws Exception {
        double total = 0;
        Matcher matcher = LOOKUPS.matcher(identityMetrics());
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    private void assertTooMany(HttpResponse<String> response) throws Exception {
        assertEquals(429, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("TOO_MANY_REQUESTS", object(response).get("code"));
        assertTrue(Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    @Order(1)
    void aRepeatedUnknownCredentialCostsIdentityOneLookUp() throws Exception {
        String unknown = "unknown-" + UUID.randomUUID();
        assertEquals(403, get("/v0/status", unknown).statusCode());
        double afterFirst = identityLookups();
        assertTrue(afterFirst >= 1, "identity counts its credential look-ups: " + identityMetrics().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count")).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(403, get("/v0/status", unknown).statusCode());
        }
        assertEquals(afterFirst, identityLookups(), "answered from the negative cache");
    }

    @Test
    @Order(2)
    void onePrincipalIsSlowedAndTheOthersAreNot() throws Exception {
        HttpResponse<String> issued = exchange("POST", stack.url("gateway") + "/steward/v1/tokens", stack.adminToken(),
                "{\"name\":\"busy-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"role\":\"auditor\"}", "application/json");
        assertEquals(201, issued.statusCode(), issued.body());
        String busy = (String) object(issued).get("token");
        int answered = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 40; i++) {
            last = get("/v0/status", busy);
            if (last.statusCode() != 200) {
                break;
            }
            answered++;
        }
        assertTrue(answered >= 20 && answered < 40, answered + " answered before the limit");
        assertTooMany(last);
        assertEquals(200, get("/v0/status", stack.adminToken()).statusCode(), "another credential is not slowed");
    }

    @Test
    @Order(3)
    void anAddressThatKeepsFailingIsPausedThenLetBackIn() throws Exception {
        HttpResponse<String> refused = null;
        int failures = 0;
        for (; failures < 12; failures++) {
            refused = get("/v0/status", "guess-" + UUID.randomUUID());
            if (refused.statusCode() == 429) {
                break;
            }
            assertEquals(403, refused.statusCode(), refused.body());
        }
        assertTrue(failures <= 8, failures + " failures before the pause");
        assertTooMany(refused);
        HttpResponse<String> paused = get("/v0/status", stack.adminToken());
        assertTooMany(paused);
        Thread.sleep(Integer.parseInt(paused.headers().firstValue("Retry-After").orElseThrow()) * 1000L);
        assertEquals(200, get("/v0/status", stack.adminToken()).statusCode(), "let back in after the pause");
    }
}
