package dev.steward.gateway.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code steward} CLI's executable jar, run as an operator runs it, against the stack: a profile per scheme
 * (each request signed by the CLI, verified by the gateway), the commands' effects read back, refusals as
 * exit codes with the problem's code.
 */
class CliE2EIT extends AbstractStackE2E {

    private static final Path JAR = Path.of("..", "steward-cli", "target", "steward.jar");

    private Path config;

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    @BeforeAll
    void profiles() throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("no " + JAR.toAbsolutePath() + ": build the CLI first (./mvnw -pl steward-cli package)");
        }
        config = Files.createTempDirectory("steward-cli").resolve("profiles.properties");
        Run added = steward("profile", "add", "admin", "--url", stack.url("gateway"), "--scheme", "bearer", "--token", stack.adminToken());
        assertEquals(0, added.exit(), added.toString());
    }

    private Run steward(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(), "--config", config.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("steward-out", ".txt");
        Path err = Files.createTempFile("steward-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("steward " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Map<?, ?> jsonOf(Run run) throws IOException {
        assertEquals(0, run.exit(), run.toString());
        return json.readValue(run.out(), Map.class);
    }


    @Test
    void bucketsAndKeysWithTablesJsonAndRefusals() throws Exception {
        Run health = steward("health");
        assertEquals(0, health.exit(), health.toString());
        assertTrue(health.out().startsWith("FIELD"), health.out());
        assertTrue(health.out().contains("status"), health.out());

        String alias = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Run created = steward("bucket", "create", alias);
        assertTrue(created.out().contains(alias), created.toString());
        Map<?, ?> bucket = jsonOf(steward("bucket", "info", "--alias", alias, "-o", "json"));
        String bucketId = (String) bucket.get("id");

        Map<?, ?> key = jsonOf(steward("-o", "json", "key", "create", "cli-key", "--role", "operator"));
        String keyId = (String) key.get("accessKeyId");
        Run allowed = steward("bucket", "allow", bucketId, keyId, "--read", "--write");
        assertEquals(0, allowed.exit(), allowed.toString());
        Map<?, ?> withKey = jsonOf(steward("bucket", "info", "--id", bucketId, "-o", "json"));
        assertTrue(withKey.get("keys").toString().contains(keyId), "the allow took effect: " + withKey);

        Run list = steward("bucket", "list");
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith(bucketId) && line.contains(alias)), list.out());

        Run missing = steward("bucket", "info", "--alias", "no-such-" + UUID.randomUUID());
        assertEquals(1, missing.exit(), "a refusal exits 1: " + missing);
        assertTrue(missing.err().startsWith("steward: 404"), missing.err());

        Run usage = steward("bucket", "allow", bucketId, keyId);
        assertEquals(2, usage.exit(), "no permission flag is a usage error: " + usage);
        assertTrue(usage.err().contains("--read"), usage.err());
    }

    @Test
    void everySchemeSignsItsOwnRequests() throws Exception {
        // JuiceFS: an operator key and its secret; the signature covers the sorted query and the body.
        Map<?, ?> key = jsonOf(steward("-o", "json", "key", "create", "cli-juicefs", "--role", "operator"));
        Run juicefs = steward("profile", "add", "juicefs", "--url", stack.url("gateway"), "--scheme", "juicefs",
                "--access-key", (String) key.get("accessKeyId"), "--secret", (String) key.get("secretAccessKey"));
        assertEquals(0, juicefs.exit(), juicefs.toString());
        String alias = "cli-hmac-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(0, steward("-p", "juicefs", "bucket", "create", alias).exit());
        Map<?, ?> signedQuery = jsonOf(steward("-p", "juicefs", "-o", "json", "bucket", "info", "--alias", alias));
        assertTrue(signedQuery.get("globalAliases").toString().contains(alias), signedQuery.toString());

        // Gluster: an app registered by the admin; each request gets its own JWT with qsh.
        String appId = "cli-app-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, call("POST", "/v1/apps", "{\"id\":\"" + appId + "\",\"secret\":\"cli-app-secret\",\"role\":\"operator\"}").statusCode());
        assertEquals(0, steward("profile", "add", "gluster", "--url", stack.url("gateway"), "--scheme", "gluster",
                "--app-id", appId, "--secret", "cli-app-secret").exit());
        Run volumes = steward("-p", "gluster", "volume", "list");
        assertEquals(0, volumes.exit(), volumes.toString());
        Map<?, ?> glusterQuery = jsonOf(steward("-p", "gluster", "-o", "json", "bucket", "info", "--alias", alias));
        assertEquals(signedQuery.get("id"), glusterQuery.get("id"));

        // Jidoteki: the API token set up once; the CLI sends only ?hash=, never the token.
        String boundary = "cli-e2e-boundary";
        String setup = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"newtoken\"\r\n\r\ncli-api-token\r\n--" + boundary + "--\r\n";
        assertEquals(200, exchange("POST", stack.url("gateway") + "/api/v1/admin/setup", null, setup,
                "multipart/form-data; boundary=" + boundary).statusCode());
        assertEquals(0, steward("profile", "add", "jidoteki", "--url", stack.url("gateway"), "--scheme", "jidoteki",
                "--token", "cli-api-token").exit());
        Run version = steward("-p", "jidoteki", "-o", "json", "version");
        assertEquals(0, version.exit(), version.toString());
        Run noBackupYet = steward("-p", "jidoteki", "backup", "status");
        assertTrue(noBackupYet.exit() == 0 || noBackupYet.err().contains("BACKUP_NOT_FOUND"), "signed and let through: " + noBackupYet);

        Run profiles = steward("profile", "list");
        assertTrue(profiles.out().contains("juicefs") && profiles.out().contains("gluster"), profiles.out());
        assertFalse(profiles.out().contains("cli-app-secret") || profiles.out().contains((String) key.get("secretAccessKey"))
                || profiles.out().contains(stack.adminToken()), "secrets are never listed: " + profiles.out());
    }

    @Test
    void anAuditorIsRefusedWrites() throws Exception {
        Map<?, ?> token = jsonOf(steward("-o", "json", "token", "create", "cli-auditor-" + UUID.randomUUID().toString().substring(0, 6),
                "--role", "auditor"));
        assertEquals(0, steward("profile", "add", "auditor", "--url", stack.url("gateway"), "--scheme", "bearer",
                "--token", (String) token.get("token")).exit());
        assertEquals(0, steward("-p", "auditor", "bucket", "list").exit(), "an auditor reads");
        Run write = steward("-p", "auditor", "bucket", "create", "cli-audit-" + UUID.randomUUID().toString().substring(0, 8));
        assertEquals(1, write.exit(), write.toString());
        assertTrue(write.err().startsWith("steward: 403"), write.err());
    }

    @Test
    void layoutIsStagedPreviewedAndAppliedAndABackupIsWatchedToTheEnd() throws Exception {
        List<String> nodes = List.of(randomNodeId(), randomNodeId(), randomNodeId());
        for (int i = 0; i < nodes.size(); i++) {
            Run staged = steward("layout", "stage", nodes.get(i), "--zone", "dc" + (i + 1), "--capacity", "1000000000", "--tag", "cli");
            assertEquals(0, staged.exit(), staged.toString());
        }
        Run shown = steward("layout", "show");
        assertTrue(shown.out().contains("staged:") && shown.out().contains(nodes.get(0)), shown.out());
        Run dryRun = steward("layout", "apply", "--dry-run");
        assertTrue(dryRun.out().contains("partition replica(s) move"), dryRun.out());
        long before = ((Number) jsonOf(steward("-o", "json", "layout", "show")).get("version")).longValue();
        Run applied = steward("layout", "apply");
        assertEquals(0, applied.exit(), applied.toString());
        assertTrue(applied.out().contains("version " + (before + 1) + ": "), "the preview first: " + applied.out());
        assertTrue(applied.out().contains("applied version " + (before + 1)), applied.out());
        Map<?, ?> partitions = object(call("GET", "/steward/v1/layout/partitions", null));
        nodes.forEach(node -> assertEquals(256, ((Number) ((Map<?, ?>) partitions.get("partitionsPerNode")).get(node)).intValue(),
                "three nodes of rf 3 hold every partition: " + partitions.get("partitionsPerNode")));

        Run backup = steward("backup", "start", "--watch", "--interval", "PT0.2S", "--timeout", "PT2M");
        assertEquals(0, backup.exit(), backup.toString());
        assertTrue(backup.out().contains("backup job "), backup.out());
        assertTrue(backup.out().contains("100% success"), "progress to the end: " + backup.out());
        String jobId = backup.out().lines().filter(line -> line.startsWith("backup job ")).findFirst().orElseThrow().substring("backup job ".length());
        Run jobs = steward("job", "list", "--kind", "backup");
        assertTrue(jobs.out().contains(jobId), jobs.out());

        Path archive = Files.createTempDirectory("steward-cli-backup").resolve("backup.tar");
        Run download = steward("backup", "download", "--file", archive.toString());
        assertEquals(0, download.exit(), download.toString());
        byte[] tar = Files.readAllBytes(archive);
        assertTrue(download.out().contains("wrote " + tar.length + " bytes"), download.out());
        assertEquals("ustar", new String(tar, 257, 5, StandardCharsets.US_ASCII), "a tar archive");
        Run again = steward("backup", "download", "--file", archive.toString());
        assertEquals(2, again.exit(), "an existing file is kept without --force: " + again);
        Run restored = steward("backup", "restore", archive.toString());
        assertEquals(0, restored.exit(), restored.toString());
        assertTrue(restored.out().contains("restored from " + archive), restored.out());
        Path junk = Files.writeString(archive.resolveSibling("not-a-package.enc"), "not an update package");
        Run refused = steward("update", "upload", junk.toString());
        assertEquals(1, refused.exit(), "a package that is not one is refused: " + refused);
        assertTrue(refused.err().contains("400"), refused.err());
        Run badArchive = steward("backup", "restore", junk.toString());
        assertEquals(1, badArchive.exit(), "an archive this installation did not seal is refused: " + badArchive);

        Run completion = steward("generate-completion");
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("steward"), "a bash completion script");
    }
}
