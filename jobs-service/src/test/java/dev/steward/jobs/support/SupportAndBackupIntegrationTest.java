package dev.steward.jobs.support;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.Eventually;
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
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jobs-service alone (identity and cluster are not running): support bundles say who did not
 * answer, a backup without every service's data fails in time, and bad backup requests are 4xx.
 */
class SupportAndBackupIntegrationTest extends AbstractJobsTest {

    private static final KeyPair VENDOR = rsa();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.jobs.timeouts.support", "3s");
        properties.put("steward.jobs.timeouts.backup", "3s");
        properties.put("steward.jobs.debug-public-key", Base64.getEncoder().encodeToString(VENDOR.getPublic().getEncoded()));
        return properties;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> request) {
        return request.bearerAuth(tokens.issue("token:test-admin", dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.60"));
    }

    private HttpResponse<byte[]> download(String path) {
        return http.toBlocking().exchange(admin(HttpRequest.GET(path)), byte[].class);
    }

    /** The entries of a tar, as text. */
    static Map<String, String> untar(byte[] tar) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        dev.steward.common.archive.TarArchives.read(new java.io.ByteArrayInputStream(tar), new dev.steward.common.archive.ArchiveLimits(64, 1 << 30, 1 << 30))
                .forEach((name, content) -> files.put(name, new String(content, StandardCharsets.UTF_8)));
        return files;
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(admin(request), String.class));
    }

    private static String code(HttpClientResponseException error) {
        return String.valueOf(error.getResponse().getBody(Map.class).orElseThrow().get("code"));
    }

    private static MutableHttpRequest<?> backupAction(String action) {
        MultipartBody.Builder body = MultipartBody.builder().addPart("note", "x");
        if (action != null) {
            body.addPart("action", action);
        }
        return HttpRequest.POST("/api/v1/admin/backup", body.build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE);
    }

    @Test
    void logsBundleHoldsWhatAnsweredAndNamesWhatDidNot() throws Exception {
        HttpResponse<byte[]> response = download("/api/v1/admin/logs");
        assertEquals("logs.tar.gz", response.header("Filename"));
        byte[] tar;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            tar = in.readAllBytes();
        }
        Map<String, String> files = untar(tar);
        assertTrue(files.get("logs/jobs-service.log").contains("subscribed to topics"), files.keySet().toString());
        assertTrue(files.get("logs/MISSING.txt").contains("cluster, identity, gateway"), files.get("logs/MISSING.txt"));
    }

    @Test
    void debugBundleOpensOnlyWithTheVendorsKey() throws Exception {
        byte[] bundle = download("/api/v1/admin/debug").body();
        assertEquals("STWDDBG1", new String(bundle, 0, 8, StandardCharsets.US_ASCII));
        assertTrue(!new String(bundle, StandardCharsets.ISO_8859_1).contains("subscribed to topics"), "the bundle is encrypted");
        ByteBuffer buffer = ByteBuffer.wrap(bundle, 8, bundle.length - 8);
        byte[] wrapped = new byte[buffer.getShort()];
        buffer.get(wrapped);
        byte[] nonce = new byte[12];
        buffer.get(nonce);
        byte[] sealed = Arrays.copyOfRange(bundle, buffer.position(), bundle.length);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, VENDOR.getPrivate(), SupportService.OAEP);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(rsa.doFinal(wrapped), "AES"), new GCMParameterSpec(128, nonce));
        aes.updateAAD(SupportService.DEBUG_MAGIC);
        Map<String, String> files = untar(aes.doFinal(sealed));
        assertTrue(files.containsKey("jobs.json") && files.containsKey("nodes.json"), files.keySet().toString());
        assertTrue(files.get("logs/jobs-service.log").contains("subscribed to topics"));
    }

    @Test
    void badBackupRequestsAre4xxAndABackupMissingServicesFailsInTime() {
        assertEquals("BACKUP_ACTION_INVALID", code(refused(backupAction("BOGUS"))));
        assertEquals("BACKUP_ACTION_INVALID", code(refused(backupAction(null))));
        HttpClientResponseException nothing = refused(backupAction("STOP"));
        assertEquals(HttpStatus.BAD_REQUEST, nothing.getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/api/v1/admin/backup")).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/api/v1/admin/backup/download")).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, refused(HttpRequest.GET("/api/v1/admin/backup/log")).getStatus());
        MultipartBody noArchive = MultipartBody.builder().addPart("note", "x").build();
        assertEquals("BACKUP_ARCHIVE_INVALID", code(refused(HttpRequest.POST("/api/v1/admin/backup/restore", noArchive)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE))));
        MultipartBody garbage = MultipartBody.builder().addPart("archive", "backup.tar", MediaType.APPLICATION_OCTET_STREAM_TYPE,
                "garbage".repeat(200).getBytes()).build();
        assertEquals("BACKUP_ARCHIVE_INVALID", code(refused(HttpRequest.POST("/api/v1/admin/backup/restore", garbage)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE))));

        assertEquals(HttpStatus.ACCEPTED, http.toBlocking().exchange(admin(backupAction("START"))).getStatus());
        HttpClientResponseException busy = refused(backupAction("START"));
        assertEquals("JOB_ALREADY_RUNNING", code(busy), "one backup at a time");
        Map<?, ?> status = Eventually.await(Duration.ofSeconds(30),
                () -> http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/backup")), Map.class),
                body -> !"running".equals(body.get("status")), "the backup to give up on the missing services");
        assertEquals(Map.of("status", "failed"), status);
        String log = http.toBlocking().retrieve(admin(HttpRequest.GET("/api/v1/admin/backup/log")), String.class);
        assertTrue(log.contains("no data from cluster, identity"), log);
    }

    private static byte[] gzip(String text) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private HttpClientResponseException restore(byte[] archive) {
        MultipartBody body = MultipartBody.builder().addPart("archive", "backup.tar", MediaType.APPLICATION_OCTET_STREAM_TYPE, archive).build();
        return refused(HttpRequest.POST("/api/v1/admin/backup/restore", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    /**
     * Finding 6 of issue 12: any archive whose sha256s matched its own manifest was restored, so a
     * forged one could plant rows (an admin token) in identity's database. Only sealed archives restore.
     */
    @Test
    void aSelfConsistentArchiveNotSealedHereIsRefusedBeforeAnythingStarts() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        Map<String, Object> parts = new java.util.LinkedHashMap<>();
        for (String service : List.of("cluster", "identity", "jobs")) {
            byte[] part = gzip("{\"service\":\"" + service + "\",\"schemaVersion\":\"1\",\"tables\":{}}");
            files.put(service + ".json.gz", part);
            parts.put(service, Map.of("file", service + ".json.gz", "sha256", dev.steward.common.crypto.Crypto.sha256Hex(part),
                    "schemaVersion", "1"));
        }
        byte[] manifest = io.micronaut.json.JsonMapper.createDefault().writeValueAsBytes(
                Map.of("format", "steward-backup-1", "created", "2026-12-01T00:00:00Z", "jobId", java.util.UUID.randomUUID().toString(),
                        "services", parts));
        Map<String, byte[]> archive = new java.util.LinkedHashMap<>();
        archive.put("manifest.json", manifest);
        archive.putAll(files);

        HttpClientResponseException unsealed = restore(dev.steward.common.archive.TarArchives.write(archive, 0));
        assertEquals(HttpStatus.BAD_REQUEST, unsealed.getStatus());
        assertEquals("BACKUP_ARCHIVE_INVALID", code(unsealed));
        assertTrue(unsealed.getResponse().getBody(Map.class).orElseThrow().get("detail").toString().contains("not sealed by this installation"));

        archive.put("manifest.json.hmac", "0".repeat(64).getBytes());
        HttpClientResponseException forged = restore(dev.steward.common.archive.TarArchives.write(archive, 0));
        assertTrue(forged.getResponse().getBody(Map.class).orElseThrow().get("detail").toString().contains("not sealed"), "a made-up seal");
        List<Map> jobs = http.toBlocking().retrieve(admin(HttpRequest.GET("/steward/v1/jobs?kind=restore")), io.micronaut.core.type.Argument.listOf(Map.class));
        assertEquals(List.of(), jobs, "no restore started");
    }
}
