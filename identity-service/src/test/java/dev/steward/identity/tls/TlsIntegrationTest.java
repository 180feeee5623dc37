package dev.steward.identity.tls;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.common.tls.TlsBundle;
import dev.steward.testing.KafkaTestClient;
import dev.steward.testing.TestCertificates;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jidoteki /certs against a fresh database: validation, status and log, the sealed key, the event. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIntegrationTest extends AbstractIdentityTest {

    private static final TestCertificates.Issued CA = TestCertificates.authority("Steward Test CA");
    private static final TestCertificates.Issued HOST = TestCertificates.issue("storage.example", CA);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;


    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.5"));
    }

    private Map<?, ?> status() {
        return http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/certs")), Map.class);
    }

    private HttpResponse<Map> upload(String certificate, String key, String ca) {
        MultipartBody.Builder body = MultipartBody.builder();
        if (certificate != null) {
            body.addPart("public", "host.pem", MediaType.TEXT_PLAIN_TYPE, certificate.getBytes(StandardCharsets.UTF_8));
        }
        if (key != null) {
            body.addPart("private", "host.key", MediaType.TEXT_PLAIN_TYPE, key.getBytes(StandardCharsets.UTF_8));
        }
        if (ca != null) {
            body.addPart("ca", "ca.pem", MediaType.TEXT_PLAIN_TYPE, ca.getBytes(StandardCharsets.UTF_8));
        }
        body.addPart("unused", "x");
        return http.toBlocking().exchange(admin(HttpRequest.POST("/api/v1/admin/certs", body.build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
    }

    private Map<?, ?> served() {
        return http.toBlocking().retrieve(HttpRequest.GET("/internal/v1/tls").bearerAuth(tokens.issueForService("gateway-service")), Map.class);
    }

    @Test
    @Order(1)
    void beforeTheFirstUploadStatusAndLogAreNullAndGatewaysGetNothing() {
        Map<?, ?> status = status();
        assertTrue(status.containsKey("status") && status.containsKey("log"), "both keys are present: " + status);
        assertNull(status.get("status"));
        assertNull(status.get("log"));
        HttpClientResponseException none = assertThrows(HttpClientResponseException.class, this::served);
        assertEquals(HttpStatus.NOT_FOUND, none.getStatus());
    }

    @Test
    @Order(2)
    void aValidBundleIsInstalledAnnouncedAndServedToGateways() {
        HttpResponse<Map> accepted = upload(HOST.certificatePem(), HOST.privateKeyPem(), CA.certificatePem());
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        assertEquals("/api/v1/admin/certs", accepted.header("Location"));
        assertEquals(Map.of("Status", "202 Accepted", "Location", "/api/v1/admin/certs"), accepted.body());

        Map<?, ?> status = status();
        assertEquals("success", status.get("status"));
        assertTrue(status.get("log").toString().matches("(?s)\\[\\d+]\\[SYSTEM] Validating and adding TLS certificates\n.*CN=storage.example.*"),
                status.get("log").toString());

        String fingerprint = TlsBundle.parse(HOST.certificatePem(), HOST.privateKeyPem(), null).fingerprint();
        Map<?, ?> served = served();
        assertEquals(fingerprint, served.get("fingerprint"));
        assertEquals(HOST.privateKeyPem(), served.get("privateKey"), "the key comes back exactly as uploaded");
        List<String> events = KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS,
                value -> value.contains("TlsCertificateInstalled") && value.contains(fingerprint), found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertTrue(!events.get(0).contains("PRIVATE KEY"), "the event never carries the key");
    }

    @Test
    @Order(3)
    void unusableBundlesAreRefusedAndTheInstalledOneStays() {
        String installed = (String) served().get("fingerprint");
        TestCertificates.Issued other = TestCertificates.issue("other.example", CA);
        TestCertificates.Issued expired = TestCertificates.issue("old.example", CA, Instant.now().minus(Duration.ofDays(9)),
                Instant.now().minus(Duration.ofDays(2)));
        TestCertificates.Issued foreignCa = TestCertificates.authority("Foreign CA");
        String[][] cases = {
                {HOST.certificatePem(), other.privateKeyPem(), null, "does not belong"},
                {expired.certificatePem(), expired.privateKeyPem(), null, "expired"},
                {HOST.certificatePem(), HOST.privateKeyPem(), foreignCa.certificatePem(), "not signed by the given CA"},
                {"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", HOST.privateKeyPem(), null, "not a readable PEM"},
                {HOST.certificatePem(), null, null, "both required"},
        };
        for (String[] bad : cases) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> upload(bad[0], bad[1], bad[2]));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), bad[3]);
            Map<?, ?> problem = refused.getResponse().getBody(Map.class).orElseThrow();
            assertEquals("TLS_CERTIFICATE_INVALID", problem.get("code"));
            assertTrue(problem.get("detail").toString().contains(bad[3]), problem.toString());
            Map<?, ?> status = status();
            assertEquals("failed", status.get("status"));
            assertTrue(status.get("log").toString().contains("Failed: "), status.toString());
        }
        assertEquals(installed, served().get("fingerprint"), "the installed certificate is still served");
        String audit = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/audit?limit=50")), String.class);
        assertTrue(audit.contains("refused: 400 TLS_CERTIFICATE_INVALID: "), "refusals are audited with their reason");
    }
}
