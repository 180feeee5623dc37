package dev.steward.gateway.auth;

import com.sun.net.httpserver.HttpServer;
import dev.steward.common.security.InternalJwtKeys;
import dev.steward.common.security.InternalTokenIssuer;
import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's side of the shared replay memory, against a real HTTP listener playing identity's
 * {@code /internal/v1/used-signatures} (201 for a new fingerprint, 409 for a known one, 503 while "down").
 */
class ReplayGuardTest {

    private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private final Set<String> used = new HashSet<>();
    private final AtomicBoolean identityDown = new AtomicBoolean();
    private final AtomicInteger claims = new AtomicInteger();
    private HttpServer identity;
    private HttpClient client;

    @BeforeEach
    void startIdentity() throws Exception {
        identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identity.createContext("/internal/v1/used-signatures", exchange -> {
            claims.incrementAndGet();
            Matcher fingerprint = FINGERPRINT.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status;
            if (identityDown.get()) {
                status = 503;
            } else if (!fingerprint.find()) {
                status = 400;
            } else {
                synchronized (used) {
                    status = used.add(fingerprint.group(1)) ? 201 : 409;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        identity.start();
        client = HttpClient.create(new URL("http://127.0.0.1:" + identity.getAddress().getPort()));
    }

    @AfterEach
    void stopIdentity() {
        client.close();
        identity.stop(0);
    }

    private ReplayGuard gateway() {
        InternalTokenIssuer issuer = new InternalTokenIssuer((java.security.interfaces.ECPrivateKey) InternalJwtKeys.generate().getPrivate(),
                Duration.ofSeconds(30));
        return new ReplayGuard(new IdentityClient(client,
                dev.steward.gateway.replica.ServiceReplicas.of(java.util.Map.of("identity", "http://127.0.0.1:" + identity.getAddress().getPort())),
                new GatewayServiceToken(issuer)));
    }

    private static UsedSignature signature(String credential, String hex, Instant now) {
        return new UsedSignature(credential, hex, now.plusSeconds(300));
    }

    @Test
    void aSignatureIsAcceptedOnceAcrossGateways() {
        ReplayGuard first = gateway();
        ReplayGuard second = gateway();
        Instant now = Instant.now();

        assertTrue(first.firstUse(signature("key-1", "0a", now), now).block());
        assertFalse(first.firstUse(signature("key-1", "0a", now), now).block(), "replay to the same gateway");
        assertEquals(1, claims.get(), "the same gateway refuses a replay from its own memory");
        assertFalse(second.firstUse(signature("key-1", "0a", now), now).block(), "replay to another gateway");
        assertTrue(second.firstUse(signature("key-2", "0a", now), now).block(), "the same signature under another credential is another use");
    }

    /** Finding 2 of issue 12: the memory keyed on the text as sent, so upper-case hex was a new signature. */
    @Test
    void aReEncodedSignatureIsTheSameSignature() {
        ReplayGuard guard = gateway();
        Instant now = Instant.now();
        byte[] bytes = java.util.HexFormat.of().parseHex("c0ffee00");
        assertTrue(guard.firstUse(UsedSignature.of("key-1", java.util.HexFormat.of().withUpperCase().parseHex("C0FFEE00"), now.plusSeconds(60)), now).block());
        assertFalse(guard.firstUse(UsedSignature.of("key-1", bytes, now.plusSeconds(60)), now).block());
    }

    @Test
    void aSignatureIsRememberedUntilItStopsBeingAcceptable() {
        ReplayGuard guard = gateway();
        Instant now = Instant.now();
        UsedSignature longLived = new UsedSignature("app:a", "0b", now.plus(Duration.ofMinutes(15)));
        assertTrue(guard.firstUse(longLived, now).block());
        // Past the old fixed window (2 x skew = 10 min), still within the signature's own life.
        assertFalse(guard.firstUseHere(longLived.key(), longLived.lastAcceptable(), now.plus(Duration.ofMinutes(12))));
    }

    @Test
    void aRequestRefusedWhileIdentityIsDownIsNotTakenForAReplayWhenRetried() {
        ReplayGuard guard = gateway();
        Instant now = Instant.now();

        identityDown.set(true);
        assertThrows(IdentityClient.IdentityUnavailableException.class, () -> guard.firstUse(signature("key-1", "0c", now), now).block());

        identityDown.set(false);
        assertTrue(guard.firstUse(signature("key-1", "0c", now), now).block(), "the retry is judged afresh");
        assertFalse(guard.firstUse(signature("key-1", "0c", now), now).block(), "and once accepted, it is used");
    }
}
