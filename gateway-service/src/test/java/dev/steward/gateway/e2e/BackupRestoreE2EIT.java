package dev.steward.gateway.e2e;

import dev.steward.common.archive.ArchiveLimits;
import dev.steward.common.archive.TarArchives;
import dev.steward.testing.Eventually;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jidoteki backup and restore across the three services that own data, every one a real process:
 * a backup collected over Kafka, a restore that brings back each service's state, and a restore
 * that one service refuses, which changes nothing anywhere.
 */
class BackupRestoreE2EIT extends AbstractStackE2E {

    /** Two gateways: each one's log is in the support bundle. */
    @Override
    protected StewardStack startStack() throws Exception {
        return StewardStack.start(2, Map.of());
    }

    private HttpResponse<byte[]> call(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url("gateway") + path)).timeout(Duration.ofSeconds(200))
                .header("Authorization", "Bearer " + stack.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] multipart(String boundary, String name, String filename, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private HttpResponse<byte[]> backupAction(String action) throws Exception {
        return call("POST", "/api/v1/admin/backup", "multipart/form-data; boundary=b", multipart("b", "action", null, action.getBytes()));
    }

    private HttpResponse<byte[]> restore(byte[] archive) throws Exception {
        return call("POST", "/api/v1/admin/backup/restore", "multipart/form-data; boundary=r", multipart("r", "archive", "backup.tar", archive));
    }

    private void createKey(String name) throws Exception {
        HttpResponse<byte[]> created = call("POST", "/v0/key", "application/json", ("{\"name\":\"" + name + "\"}").getBytes());
        assertEquals(200, created.statusCode(), text(created));
    }

    private List<String> keyNames() throws Exception {
        List<Map> keys = json.readValue(call("GET", "/v0/key", null, null).body(), Argument.listOf(Map.class));
        return keys.stream().map(key -> (String) key.get("name")).toList();
    }

    private String clusterSettings() throws Exception {
        return text(call("GET", "/api/v1/admin/settings", null, null));
    }

    private HttpResponse<byte[]> putSettings(String hostname) throws Exception {
        String settings = "{\"network\":{\"interface\":\"eth0\",\"hostname\":\"" + hostname + "\"}}";
        return call("POST", "/api/v1/admin/settings", "multipart/form-data; boundary=s",
                multipart("s", "settings", "settings.json", settings.getBytes()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aBackupRestoresEveryServiceAndARefusedRestoreChangesNothing() throws Exception {
        assertEquals(404, call("GET", "/api/v1/admin/backup", null, null).statusCode(), "no backup yet");
        createKey("before-backup");
        HttpResponse<byte[]> settingsSet = putSettings("before-backup");
        assertEquals(202, settingsSet.statusCode(), text(settingsSet));

        assertEquals(202, backupAction("START").statusCode());
        Map<?, ?> status = Eventually.await(Duration.ofSeconds(60), () -> {
            try {
                return json.readValue(call("GET", "/api/v1/admin/backup", null, null).body(), Map.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, body -> !"running".equals(body.get("status")), "the backup to finish");
        assertEquals("success", status.get("status"), status.toString());
        assertTrue(((String) status.get("filesize")).matches("\\d+\\.\\dK"), status.toString());
        HttpResponse<byte[]> download = call("GET", "/api/v1/admin/backup/download", null, null);
        assertEquals(200, download.statusCode());
        byte[] archive = download.body();
        assertEquals(status.get("sha256"), sha256(archive), "the download is the archive the status describes");
        assertTrue(text(call("GET", "/api/v1/admin/backup/log", null, null)).contains("Backup complete"));

        // The world moves on after the backup, a token included, used (so cached) on both gateways.
        createKey("after-backup");
        HttpResponse<byte[]> issued = call("POST", "/steward/v1/tokens", "application/json",
                "{\"name\":\"after-backup\",\"kind\":\"ADMIN\",\"scopes\":[\"*:read\"]}".getBytes());
        assertEquals(201, issued.statusCode(), text(issued));
        String lateToken = (String) json.readValue(issued.body(), Map.class).get("token");
        for (String gateway : List.of("gateway", "gateway-2")) {
            assertEquals(200, exchange("GET", stack.url(gateway) + "/v0/status", lateToken, null, null).statusCode(), gateway);
        }
        assertEquals(202, putSettings("after-backup").statusCode());

        // Damaged archives are refused before anything is touched.
        byte[] damaged = archive.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        HttpResponse<byte[]> refused = restore(damaged);
        assertEquals(400, refused.statusCode(), text(refused));
        assertEquals(400, restore("not a tar".getBytes()).statusCode());
        assertTrue(keyNames().contains("after-backup"));

        // Changed after sealing: only archives sealed with this installation's key restore.
        HttpResponse<byte[]> unsealed = restore(withClusterSchemaVersion(archive, "0.0-foreign", false));
        assertEquals(400, unsealed.statusCode(), text(unsealed));
        assertTrue(text(unsealed).contains("not sealed by this installation"), text(unsealed));

        // A part that one service refuses (another schema version; sealed with the key, as an older
        // installation's backup would be): the others roll back their prepared restore.
        HttpResponse<byte[]> vetoed = restore(withClusterSchemaVersion(archive, "0.0-foreign", true));
        assertEquals(400, vetoed.statusCode(), text(vetoed));
        assertTrue(text(vetoed).contains("schema version"), text(vetoed));
        assertTrue(keyNames().contains("after-backup"), "identity did not restore either: all or nothing");
        assertTrue(clusterSettings().contains("after-backup"));

        HttpResponse<byte[]> restored = restore(archive);
        assertEquals(200, restored.statusCode(), text(restored));
        assertEquals("{\"Status\":\"200 OK\"}", text(restored));
        // At once, on either gateway: the token the restore took away is no credential any more.
        for (String gateway : List.of("gateway", "gateway-2")) {
            int answered = exchange("GET", stack.url(gateway) + "/v0/status", lateToken, null, null).statusCode();
            assertEquals(403, answered, gateway + " still accepted a token the restore removed");
        }
        List<String> names = keyNames();
        assertTrue(names.contains("before-backup") && !names.contains("after-backup"), "identity is back at the backup: " + names);
        assertTrue(clusterSettings().contains("before-backup"), "cluster is back at the backup: " + clusterSettings());
        createKey("after-restore"); // sequences and tables work after the restore
        assertFalse(text(call("GET", "/steward/v1/jobs?kind=restore&limit=5", null, null)).contains("\"status\":\"running\""));

        assertEquals(202, backupAction("STOP").statusCode(), "STOP deletes the finished backup");
        assertEquals(404, call("GET", "/api/v1/admin/backup/download", null, null).statusCode());
    }

    @Test
    void theLogsBundleHoldsEveryServicesRecentLines() throws Exception {
        for (String gateway : List.of("gateway", "gateway-2")) {
            // A gateway answers collections asked for after it joined: wait until both have.
            Eventually.await(Duration.ofSeconds(60), () -> stack.logSinceLaunch(gateway),
                    log -> log.contains("assignments changed: [] -> [steward.jobs.backup-requests"), gateway + " to subscribe to collections");
        }
        HttpResponse<byte[]> logs = call("GET", "/api/v1/admin/logs", null, null);
        assertEquals(200, logs.statusCode(), text(logs));
        assertEquals("logs.tar.gz", logs.headers().firstValue("Filename").orElse(""));
        byte[] tar;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(logs.body()))) {
            tar = in.readAllBytes();
        }
        Map<String, byte[]> files = readTar(tar);
        for (String service : List.of("identity", "cluster", "jobs")) {
            byte[] log = files.get("logs/" + service + "-service.log");
            assertTrue(log != null && new String(log, StandardCharsets.UTF_8).contains("Startup completed"), service + ": " + files.keySet());
        }
        for (String gateway : List.of("gateway", "gateway-2")) {
            String port = stack.url(gateway).substring(stack.url(gateway).lastIndexOf(':') + 1);
            String log = files.entrySet().stream().filter(file -> file.getKey().startsWith("logs/gateway-service-")
                    && file.getKey().endsWith("-" + port + ".log")).map(file -> new String(file.getValue(), StandardCharsets.UTF_8))
                    .findFirst().orElseThrow(() -> new AssertionError("no log of " + gateway + " in " + files.keySet()));
            assertTrue(log.contains("Startup completed"), gateway + ": " + log);
        }
        assertFalse(files.containsKey("logs/MISSING.txt"), "every service and gateway answered");
        HttpResponse<byte[]> debug = call("GET", "/api/v1/admin/debug", null, null);
        assertEquals(400, debug.statusCode(), "no vendor key is configured in this stack: " + text(debug));
        assertTrue(text(debug).contains("DEBUG_KEY_MISSING"));
    }

    /** The archive with cluster's part claiming another schema version (sha256s kept consistent). */
    private byte[] withClusterSchemaVersion(byte[] archive, String version, boolean sealed) throws Exception {
        Map<String, byte[]> files = readTar(archive);
        byte[] cluster;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(files.get("cluster.json.gz")))) {
            String document = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("\"schemaVersion\":\"[^\"]*\"",
                    "\"schemaVersion\":\"" + version + "\"");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(document.getBytes(StandardCharsets.UTF_8));
            }
            cluster = bytes.toByteArray();
        }
        String manifest = new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace(sha256(files.get("cluster.json.gz")), sha256(cluster));
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        changed.put("cluster.json.gz", cluster);
        if (sealed) {
            changed.put("manifest.json.hmac", dev.steward.common.crypto.Crypto.hmacSha256Hex(
                    java.util.Base64.getDecoder().decode(StewardStack.BACKUP_KEY), "steward-backup-1\n" + manifest).getBytes(StandardCharsets.US_ASCII));
        }
        return TarArchives.write(changed, 0);
    }

    private static Map<String, byte[]> readTar(byte[] tar) throws Exception {
        return TarArchives.read(new java.io.ByteArrayInputStream(tar), new ArchiveLimits(64, 1L << 30, 1L << 30));
    }
}
