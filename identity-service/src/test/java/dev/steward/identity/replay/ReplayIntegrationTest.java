package dev.steward.identity.replay;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.security.InternalTokenIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gateways' shared replay memory: one use per signature, whichever gateway asks, races included. */
class ReplayIntegrationTest extends AbstractIdentityTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    UsedSignatureRepository signatures;


    private HttpStatus claim(String bearer, Object body) {
        try {
            return http.toBlocking().exchange(HttpRequest.POST("/internal/v1/used-signatures", body).bearerAuth(bearer)).getStatus();
        } catch (HttpClientResponseException refused) {
            return refused.getStatus();
        }
    }

    private static String fingerprint() {
        return Crypto.sha256Hex("key:GK1:" + UUID.randomUUID());
    }

    @Test
    void aSignatureIsUsedOnceWhicheverGatewayAsks() {
        String gateway = tokens.issueForService("gateway");
        String fingerprint = fingerprint();
        Map<String, Object> use = Map.of("fingerprint", fingerprint, "expiresAt", Instant.now().plusSeconds(600).toString());
        assertEquals(HttpStatus.CREATED, claim(gateway, use));
        assertEquals(HttpStatus.CONFLICT, claim(gateway, use), "the replay, from the same or another gateway");
        assertEquals(HttpStatus.CREATED, claim(gateway, Map.of("fingerprint", fingerprint(), "expiresAt", Instant.now().plusSeconds(600).toString())));
    }

    @Test
    void anExpiredUseNoLongerBlocksAndIsForgotten() {
        String fingerprint = fingerprint();
        Instant now = Instant.now();
        assertEquals(1, signatures.claim(fingerprint, now.minusSeconds(1), now.minusSeconds(600)), "recorded long ago, now expired");
        assertEquals(HttpStatus.CREATED, claim(tokens.issueForService("gateway"),
                Map.of("fingerprint", fingerprint, "expiresAt", now.plusSeconds(600).toString())));
        String stale = fingerprint();
        signatures.claim(stale, now.minusSeconds(5), now.minusSeconds(600));
        signatures.deleteExpired(now);
        assertEquals(1, signatures.claim(stale, now.plusSeconds(60), now), "gone after the clean-up");
    }

    @Test
    void concurrentCopiesOfOneRequestHaveExactlyOneFirstUse() throws Exception {
        String gateway = tokens.issueForService("gateway");
        Map<String, Object> use = Map.of("fingerprint", fingerprint(), "expiresAt", Instant.now().plusSeconds(600).toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpStatus>> copies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                copies.add(() -> claim(gateway, use));
            }
            long firsts = 0;
            for (Future<HttpStatus> answer : pool.invokeAll(copies)) {
                firsts += answer.get() == HttpStatus.CREATED ? 1 : 0;
            }
            assertEquals(1, firsts);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badUsesAre400AndOnlyServicesMayAsk() {
        String gateway = tokens.issueForService("gateway");
        assertEquals(HttpStatus.BAD_REQUEST, claim(gateway, Map.of("fingerprint", "not-hex", "expiresAt", Instant.now().plusSeconds(60).toString())));
        assertEquals(HttpStatus.BAD_REQUEST, claim(gateway, Map.of("fingerprint", fingerprint(), "expiresAt", Instant.now().plusSeconds(86_400).toString())));
        assertEquals(HttpStatus.BAD_REQUEST, claim(gateway, Map.of("fingerprint", fingerprint())));
        String admin = tokens.issue("token:someone", dev.steward.common.security.Role.ADMIN, List.of("*"), "garage-bearer", "192.0.2.9");
        assertEquals(HttpStatus.FORBIDDEN, claim(admin, Map.of("fingerprint", fingerprint(), "expiresAt", Instant.now().plusSeconds(60).toString())));
        assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST("/internal/v1/used-signatures",
                Map.of("fingerprint", fingerprint()))));
    }
}
