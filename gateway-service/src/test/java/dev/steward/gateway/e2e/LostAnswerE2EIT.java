package dev.steward.gateway.e2e;

import dev.steward.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case Idempotency-Key is for, on its own stack (a frozen service must not change what the
 * outage tests see): the service took a write but its answer was lost.
 */
class LostAnswerE2EIT extends AbstractStackE2E {

    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(1, Map.of("STEWARD_GATEWAY_PROXY_ANSWER_TIMEOUT", "3s"));
    }

    /**
     * cluster-service froze past the gateway's 3 s with the write in its socket, then went on and
     * made it. The client got 503 "may or may not"; its retry with the same key gets the write's own
     * answer, where the same retry without the key fails.
     */
    @Test
    void aWriteWhoseAnswerWasLostIsAnsweredFromItsKeyWhenRetried() throws Exception {
        String alias = "lost-answer-" + UUID.randomUUID();
        String create = "{\"globalAlias\":\"" + alias + "\"}";
        String key = UUID.randomUUID().toString();
        stack.pause("cluster");
        HttpResponse<String> lost;
        try {
            lost = keyedPost("/v0/bucket", create, key);
        } finally {
            stack.resume("cluster");
        }
        assertEquals(503, lost.statusCode(), lost.body());
        assertTrue(lost.body().contains("may or may not have been applied"), lost.body());
        HttpResponse<String> applied = Eventually.await(Duration.ofSeconds(20), () -> {
            try {
                return call("GET", "/v0/bucket?globalAlias=" + alias, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, info -> info.statusCode() == 200, "the frozen service to carry out the write it had received");

        HttpResponse<String> retried = keyedPost("/v0/bucket", create, key);
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(null), "the first answer, not a second create");
        assertEquals(object(applied).get("id"), object(retried).get("id"));
        assertEquals(409, call("POST", "/v0/bucket", create).statusCode(), "without the key the same retry fails: the bucket exists");
    }
}
