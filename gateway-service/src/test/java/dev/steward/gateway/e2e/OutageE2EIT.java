package dev.steward.gateway.e2e;

import dev.steward.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** While a service or its database is down, clients get 503 with Retry-After and problem+json, and the retry succeeds once it is back. */
class OutageE2EIT extends AbstractStackE2E {

    @Override
    protected StewardStack startStack() throws Exception {
        // Above a service's 5 s wait for a database connection, so a write while the database is down gets the
        // service's own 503 (DEPENDENCY_UNAVAILABLE), not the gateway's timeout, however the pool finds out.
        return StewardStack.start(1, Map.of("STEWARD_GATEWAY_PROXY_ANSWER_TIMEOUT", "6s"));
    }

    private void assertUnavailable(HttpResponse<String> response, String code, String retryAfter, String detailPart) throws Exception {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals(retryAfter, response.headers().firstValue("Retry-After").orElse(null), "Retry-After");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Map<?, ?> problem = object(response);
        assertEquals(code, problem.get("code"), response.body());
        assertTrue(String.valueOf(problem.get("detail")).contains(detailPart), response.body());
    }

    @Test
    void aStoppedServiceAnswers503WithRetryAfterNot502() throws Exception {
        stack.stopInstance("cluster");
        try {
            assertUnavailable(call("GET", "/v0/status", null), "UPSTREAM_UNAVAILABLE", "1", "nothing was done");
            assertUnavailable(call("POST", "/v0/bucket", "{\"globalAlias\":\"down-" + UUID.randomUUID() + "\"}"),
                    "UPSTREAM_UNAVAILABLE", "1", "nothing was done");
        } finally {
            stack.startInstance("cluster");
        }
        assertEquals(200, call("GET", "/v0/status", null).statusCode());
    }

    @Test
    void aServiceThatDoesNotAnswerWithinTheRouteTimeoutIs503() throws Exception {
        stack.pause("cluster");
        long started = System.nanoTime();
        try {
            assertUnavailable(call("GET", "/v0/status", null), "UPSTREAM_UNAVAILABLE", "1", "did not answer within 6 s");
        } finally {
            stack.resume("cluster");
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds >= 6 && seconds < 12, "answered after the route's 6 s, not the client's read timeout: " + seconds + " s");
        assertEquals(200, call("GET", "/v0/status", null).statusCode());
    }

    @Test
    void whileIdentityIsDownCredentialsAnswer503WithRetryAfter() throws Exception {
        stack.stopInstance("identity");
        try {
            Thread.sleep(1500); // past the gateway's credential lease (800 ms): every credential needs identity now
            assertUnavailable(call("GET", "/v0/status", null), "IDENTITY_UNAVAILABLE", "1", "nothing was done");
        } finally {
            stack.startInstance("identity");
        }
        assertEquals(200, call("GET", "/v0/status", null).statusCode());
    }

    @Test
    void aWriteWhileTheDatabaseIsDownAnswers503AndItsRetrySucceedsOnceItIsBack() throws Exception {
        String database = TestInfrastructure.databaseName(stack.databases.get("cluster"));
        String alias = "db-down-" + UUID.randomUUID();
        String create = "{\"globalAlias\":\"" + alias + "\"}";
        TestInfrastructure.get().setDatabaseReachable(database, false);
        try {
            assertUnavailable(call("POST", "/v0/bucket", create), "DEPENDENCY_UNAVAILABLE", "2", "nothing was changed");
        } finally {
            TestInfrastructure.get().setDatabaseReachable(database, true);
        }
        HttpResponse<String> retried = call("POST", "/v0/bucket", create);
        assertEquals(200, retried.statusCode(), retried.body());
        HttpResponse<String> info = call("GET", "/v0/bucket?globalAlias=" + alias, null);
        assertEquals(200, info.statusCode(), "the retried write is there, once: " + info.body());
    }
}
