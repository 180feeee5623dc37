package dev.steward.identity.license;

import dev.steward.identity.AbstractIdentityTest;
import dev.steward.common.event.Topics;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.KafkaTestClient;
import io.micronaut.http.HttpRequest;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jidoteki /license with a vendor key made for the test: verification, the key limit and expiry. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LicenseIntegrationTest extends AbstractIdentityTest {

    private static final KeyPair VENDOR = ed25519();
    private static final KeyPair STRANGER = ed25519();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.license.public-key", Base64.getEncoder().encodeToString(VENDOR.getPublic().getEncoded()));
        properties.put("steward.license.unlicensed-users", "2");
        return properties;
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A license file as docs/license.md defines it, signed with the given key. */
    static String license(KeyPair signer, String termsJson) {
        byte[] payload = termsJson.getBytes(StandardCharsets.UTF_8);
        return armor(payload, sign(signer, payload));
    }

    static byte[] sign(KeyPair signer, byte[] payload) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signer.getPrivate());
            signature.update(payload);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String armor(byte[] payload, byte[] signature) {
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN STEWARD LICENSE-----\n" + mime.encodeToString(payload) + "\n-----END STEWARD LICENSE-----\n"
                + "-----BEGIN STEWARD LICENSE SIGNATURE-----\n" + mime.encodeToString(signature)
                + "\n-----END STEWARD LICENSE SIGNATURE-----\n";
    }

    private static String terms(int users, LocalDate expires) {
        return "{\"app\":\"enterprise\",\"users\":" + users + ",\"expires\":\"" + expires + "\",\"name\":\"Enterprise Company\","
                + "\"contact\":\"cto@enterprise\"}";
    }

    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.8"));
    }

    private Map<?, ?> upload(String file) {
        MultipartBody.Builder body = MultipartBody.builder();
        if (file != null) {
            body.addPart("license", "license.asc", MediaType.TEXT_PLAIN_TYPE, file.getBytes(StandardCharsets.UTF_8));
        } else {
            body.addPart("other", "x");
        }
        return http.toBlocking().retrieve(admin(HttpRequest.POST("/api/v1/admin/license", body.build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)), Map.class);
    }

    private HttpClientResponseException refusedUpload(String file) {
        return assertThrows(HttpClientResponseException.class, () -> upload(file));
    }

    private Map<?, ?> current() {
        return http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/license")), Map.class);
    }

    private HttpStatus createKey() {
        try {
            return http.toBlocking().exchange(admin(HttpRequest.POST("/v0/key", Map.of("name", "lic-" + UUID.randomUUID())))).getStatus();
        } catch (HttpClientResponseException e) {
            assertTrue(e.getResponse().getBody(Map.class).orElseThrow().get("code").toString().startsWith("LICENSE_"), e.getMessage());
            return e.getStatus();
        }
    }

    private static String code(HttpClientResponseException error) {
        return String.valueOf(error.getResponse().getBody(Map.class).orElseThrow().get("code"));
    }

    @Test
    @Order(1)
    void withoutALicenseTheUnlicensedLimitApplies() {
        HttpClientResponseException none = assertThrows(HttpClientResponseException.class, this::current);
        assertEquals(HttpStatus.NOT_FOUND, none.getStatus(), "no license: 404, as the reference says");
        assertEquals(HttpStatus.OK, createKey());
        assertEquals(HttpStatus.OK, createKey());
        assertEquals(HttpStatus.FORBIDDEN, createKey(), "a third key exceeds the unlicensed limit of 2");
    }

    @Test
    @Order(2)
    void invalidLicensesAre404AndChangeNothing() {
        String valid = license(VENDOR, terms(5, LocalDate.now().plusYears(1)));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("another signer", license(STRANGER, terms(500, LocalDate.now().plusYears(1))));
        byte[] signedTerms = terms(5, LocalDate.now().plusYears(1)).getBytes(StandardCharsets.UTF_8);
        cases.put("changed terms", armor(terms(500, LocalDate.now().plusYears(1)).getBytes(StandardCharsets.UTF_8), sign(VENDOR, signedTerms)));
        cases.put("no signature", valid.substring(0, valid.indexOf("-----BEGIN STEWARD LICENSE SIGNATURE")));
        cases.put("not a license", "hello");
        cases.put("terms without users", license(VENDOR, "{\"app\":\"x\",\"expires\":\"2040-01-01\",\"name\":\"n\",\"contact\":\"c\"}"));
        cases.put("fractional users", license(VENDOR, "{\"app\":\"x\",\"users\":2.5,\"expires\":\"2040-01-01\",\"name\":\"n\",\"contact\":\"c\"}"));
        cases.put("bad date", license(VENDOR, "{\"app\":\"x\",\"users\":3,\"expires\":\"19 January 2038\",\"name\":\"n\",\"contact\":\"c\"}"));
        cases.put("missing part", null);
        cases.forEach((label, file) -> {
            HttpClientResponseException refused = refusedUpload(file);
            assertEquals(HttpStatus.NOT_FOUND, refused.getStatus(), label);
            assertEquals("LICENSE_INVALID", code(refused), label);
        });
        HttpClientResponseException expired = refusedUpload(license(VENDOR, terms(50, LocalDate.now().minusDays(1))));
        assertEquals(HttpStatus.BAD_REQUEST, expired.getStatus(), "a verified but expired file is an error when updating: 400");
        assertEquals("LICENSE_ALREADY_EXPIRED", code(expired));
        assertEquals(HttpStatus.NOT_FOUND, assertThrows(HttpClientResponseException.class, this::current).getStatus(), "still no license");
        assertEquals(HttpStatus.FORBIDDEN, createKey(), "still the unlicensed limit");
    }

    @Test
    @Order(3)
    void aValidLicenseIsShownAnnouncedAndItsUsersLimitEnforced() {
        LocalDate expires = LocalDate.of(2038, 1, 19);
        Map<?, ?> installed = upload(license(VENDOR, terms(4, expires)));
        Map<String, Object> expected = Map.of("app", "enterprise", "users", 4, "expires", "19 January 2038",
                "name", "Enterprise Company", "contact", "cto@enterprise");
        assertEquals(expected, installed);
        assertEquals(expected, current());
        assertEquals(HttpStatus.OK, createKey());
        assertEquals(HttpStatus.OK, createKey());
        assertEquals(HttpStatus.FORBIDDEN, createKey(), "four keys are the licensed users");
        KafkaTestClient.readUntil(Topics.IDENTITY_EVENTS, value -> value.contains("LicenseInstalled") && value.contains("\"users\":4"),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        String audit = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/audit?limit=100")), String.class);
        assertTrue(audit.contains("refused: 404 LICENSE_INVALID") && audit.contains("POST /api/v1/admin/license") && audit.contains("LicenseUpdate"), "uploads are audited either way");
    }
}
