package dev.steward.jobs.backup;

import dev.steward.jobs.AbstractJobsTest;
import dev.steward.common.archive.TarArchives;
import dev.steward.common.crypto.Crypto;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.common.security.Role;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore archive is read within limits before anything starts: too large for the route (413),
 * too many entries, or a part that is a gzip bomb (400) — even when the archive is sealed here.
 */
class RestoreLimitsIntegrationTest extends AbstractJobsTest {

    private static final int EXPANDED_LIMIT = 16 * 1024 * 1024;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    BackupSeal seal;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("steward.jobs.limits.restore-archive", "4MB");
        properties.put("steward.jobs.limits.expanded-part-bytes", String.valueOf(EXPANDED_LIMIT));
        return properties;
    }

    private HttpClientResponseException restore(byte[] archive) {
        MultipartBody body = MultipartBody.builder().addPart("archive", "backup.tar", MediaType.APPLICATION_OCTET_STREAM_TYPE, archive).build();
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/backup/restore", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .bearerAuth(tokens.issue("token:test-admin", Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.61")), Map.class));
    }

    private static Map<?, ?> problem(HttpClientResponseException refused) {
        return refused.getResponse().getBody(Map.class).orElseThrow();
    }

    private static byte[] gzip(byte[] content, int times) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < times; i++) {
                out.write(content);
            }
        }
        return bytes.toByteArray();
    }

    /** An archive as this installation would seal it, with {@code identity}'s part given. */
    private byte[] sealedArchive(byte[] identityPart) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Object> parts = new LinkedHashMap<>();
        for (String service : List.of("cluster", "identity", "jobs")) {
            byte[] part = service.equals("identity") ? identityPart
                    : gzip(("{\"service\":\"" + service + "\",\"schemaVersion\":\"1\",\"tables\":{}}").getBytes(StandardCharsets.UTF_8), 1);
            files.put(service + ".json.gz", part);
            parts.put(service, Map.of("file", service + ".json.gz", "sha256", Crypto.sha256Hex(part), "schemaVersion", "1"));
        }
        byte[] manifest = JsonMapper.createDefault().writeValueAsBytes(Map.of("format", BackupService.FORMAT,
                "created", "2026-12-06T00:00:00Z", "jobId", UUID.randomUUID().toString(), "services", parts));
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("manifest.json", manifest);
        archive.put(BackupSeal.ENTRY, seal.seal(manifest));
        archive.putAll(files);
        return TarArchives.write(archive, 0);
    }

    private List<Map> restoreJobs() {
        return http.toBlocking().retrieve(HttpRequest.GET("/steward/v1/jobs?kind=restore")
                .bearerAuth(tokens.issue("token:test-admin", Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.61")), Argument.listOf(Map.class));
    }

    @Test
    void aSealedPartThatIsAGzipBombIsRefusedBeforeAnythingIsSent() throws Exception {
        byte[] bomb = gzip(new byte[1024 * 1024], 64); // 64 MiB of zeros in about 64 KiB
        assertTrue(bomb.length < 200_000, bomb.length + " bytes");
        HttpClientResponseException refused = restore(sealedArchive(bomb));
        assertEquals(400, refused.getStatus().getCode());
        assertEquals("BACKUP_ARCHIVE_INVALID", problem(refused).get("code"));
        assertTrue(problem(refused).get("detail").toString().contains("the part of identity expands to more than " + EXPANDED_LIMIT),
                problem(refused).toString());
        assertEquals(List.of(), restoreJobs(), "no restore started, no part sent to identity");
    }

    @Test
    void anArchiveWithTooManyEntriesIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            entries.put("entry-" + i, new byte[0]);
        }
        HttpClientResponseException refused = restore(TarArchives.write(entries, 0));
        assertEquals(400, refused.getStatus().getCode());
        assertTrue(problem(refused).get("detail").toString().contains("more than 64 entries"), problem(refused).toString());
    }

    @Test
    void anArchiveOverTheRouteLimitIs413ProblemJson() throws Exception {
        HttpClientResponseException refused = restore(TarArchives.write(Map.of("big", new byte[5 * 1024 * 1024]), 0));
        assertEquals(413, refused.getStatus().getCode());
        assertEquals("PAYLOAD_TOO_LARGE", problem(refused).get("code"));
        assertTrue(problem(refused).get("detail").toString().contains("at most 4194304"), problem(refused).toString());
        assertEquals(List.of(), restoreJobs());
    }
}
