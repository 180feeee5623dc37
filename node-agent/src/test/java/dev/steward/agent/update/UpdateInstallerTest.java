package dev.steward.agent.update;

import dev.steward.agent.StorageProcessAccess;
import dev.steward.agent.TaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import dev.steward.testing.Zips;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install steps of docs/update-package.md on a real data directory with a real supervised
 * process: each way an update ends, and what the node is on afterwards.
 */
class UpdateInstallerTest {

    static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    /** Refuses to start on a release that ships a {@code broken} file, as a real daemon refuses a bad release. */
    private static final String STORAGE = "if [ -f current/broken ]; then echo 'storage: this release is broken' >&2; exit 3; fi; exec sleep 1000";

    @TempDir
    Path data;

    private StorageProcessAccess storage;
    private UpdateInstaller installer;

    @BeforeEach
    void start() throws Exception {
        storage = StorageProcessAccess.start(STORAGE, data, Duration.ofMillis(300));
        installer = new UpdateInstaller(data, KEY, storage::restart, Duration.ofSeconds(3), 1024 * 1024);
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    static byte[] seal(byte[] key, byte[] zip) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(SealedPackage.MAGIC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SealedPackage.MAGIC);
        out.write(nonce);
        out.write(cipher.doFinal(zip));
        return out.toByteArray();
    }

    private static Map<String, String> release(String version) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("manifest.json", "{\"version\":\"" + version + "\",\"builddate\":\"1795392000\"}");
        entries.put("payload/bin/storage", "release " + version + "\n");
        return entries;
    }

    private Path write(byte[] sealed) throws Exception {
        Path file = Files.createTempFile(data.getParent(), "package-", ".enc");
        Files.write(file, sealed);
        return file;
    }

    private TaskResult install(String version, Map<String, String> entries) throws Exception {
        Path file = write(seal(KEY, Zips.of(entries)));
        return installer.install(version, UpdateInstaller.sha256(file), file);
    }

    @Test
    void aGoodPackageBecomesCurrentAndTheStorageProcessRestartsOnIt() throws Exception {
        long before = storage.pid();
        TaskResult result = install("1.1.0", release("1.1.0"));
        assertTrue(result.succeeded(), result.toString());
        assertEquals("1.1.0", installer.currentVersion());
        assertEquals("release 1.1.0\n", Files.readString(data.resolve("current/payload/bin/storage")));
        assertNotEquals(before, storage.pid(), "restarted on the new release");
        assertTrue(storage.alive());
        assertTrue(result.message().startsWith("installed 1.1.0 (was no release"), result.message());
    }

    @Test
    void theSameTaskAgainChangesNothing() throws Exception {
        assertTrue(install("1.1.0", release("1.1.0")).succeeded());
        long pid = storage.pid();
        TaskResult again = install("1.1.0", release("1.1.0"));
        assertTrue(again.succeeded(), again.toString());
        assertEquals("version 1.1.0 is already installed", again.message());
        assertEquals(pid, storage.pid(), "not restarted twice");
    }

    @Test
    void aFailingCheckLeavesThePreviousReleaseCurrentWithE1000AndItsOutput() throws Exception {
        assertTrue(install("1.1.0", release("1.1.0")).succeeded());
        long pid = storage.pid();
        Map<String, String> entries = release("1.2.0");
        entries.put("check.sh", "echo \"checking $STEWARD_NEW_VERSION over $STEWARD_PREVIOUS_VERSION\"\necho 'disk layout too old' >&2\nexit 3\n");
        TaskResult result = install("1.2.0", entries);
        assertFalse(result.succeeded());
        assertEquals(TaskResult.SCRIPT_FAILED, result.errorCode());
        assertEquals("the package's check.sh failed with exit code 3; staying on 1.1.0", result.message());
        assertEquals(java.util.List.of("checking 1.2.0 over 1.1.0", "disk layout too old"), result.log());
        assertEquals("1.1.0", installer.currentVersion());
        assertFalse(Files.exists(data.resolve("versions/1.2.0")), "the refused release is removed");
        assertEquals(pid, storage.pid(), "nothing was restarted");
    }

    @Test
    void aPassingCheckLetsTheReleaseIn() throws Exception {
        Map<String, String> entries = release("1.1.0");
        entries.put("check.sh", "test -f payload/bin/storage && echo ok\n");
        TaskResult result = install("1.1.0", entries);
        assertTrue(result.succeeded(), result.toString());
        assertEquals("1.1.0", installer.currentVersion());
    }

    @Test
    void aCheckThatHangsIsStoppedAtItsTimeout() throws Exception {
        Map<String, String> entries = release("1.1.0");
        entries.put("check.sh", "echo waiting\nsleep 60\n");
        long started = System.nanoTime();
        TaskResult result = install("1.1.0", entries);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "stopped, not waited out");
        assertEquals(TaskResult.SCRIPT_FAILED, result.errorCode(), result.toString());
        assertTrue(result.message().contains("did not finish within 3 s"), result.message());
        assertEquals(java.util.List.of("waiting"), result.log());
        assertNull(installer.currentVersion());
    }

    @Test
    void aReleaseWhoseStorageDoesNotStartIsRolledBack() throws Exception {
        assertTrue(install("1.1.0", release("1.1.0")).succeeded());
        Map<String, String> entries = release("1.2.0");
        entries.put("broken", "");
        TaskResult result = install("1.2.0", entries);
        assertFalse(result.succeeded());
        assertEquals(TaskResult.UPDATE_FAILED, result.errorCode());
        assertTrue(result.message().startsWith("version 1.2.0 did not start (the storage process exited with 3"), result.message());
        assertTrue(result.message().contains("rolled back to 1.1.0: storage process restarted"), result.message());
        assertTrue(result.log().contains("storage: this release is broken"), String.valueOf(result.log()));
        assertEquals("1.1.0", installer.currentVersion());
        assertTrue(storage.alive(), "the previous release's storage process runs again");
        assertFalse(Files.exists(data.resolve("versions/1.2.0")));
    }

    @Test
    void aPackageThatIsNotTheOneNamedIsRefusedBeforeAnythingChanges() throws Exception {
        Path file = write(seal(KEY, Zips.of(release("1.1.0"))));
        TaskResult wrongHash = installer.install("1.1.0", "00".repeat(32), file);
        assertEquals(TaskResult.UPDATE_FAILED, wrongHash.errorCode());
        assertTrue(wrongHash.message().contains("SHA-256"), wrongHash.message());

        byte[] otherKey = new byte[32];
        Path foreign = write(seal(otherKey, Zips.of(release("1.1.0"))));
        TaskResult wrongKey = installer.install("1.1.0", UpdateInstaller.sha256(foreign), foreign);
        assertTrue(wrongKey.message().startsWith("the package does not decrypt"), wrongKey.message());

        TaskResult otherVersion = install("1.3.0", release("1.1.0"));
        assertTrue(otherVersion.message().startsWith("the package's manifest says version 1.1.0, the task 1.3.0"), otherVersion.message());

        TaskResult badVersion = install("../../etc", release("1.1.0"));
        assertTrue(badVersion.message().startsWith("the task names no valid version"), badVersion.message());

        assertNull(installer.currentVersion());
        try (var left = Files.list(data.resolve("versions"))) {
            assertEquals(0, left.count(), "nothing unpacked is left");
        }
    }

    @Test
    void entriesOutsideTheReleaseAndOversizedArchivesAreRefused() throws Exception {
        Map<String, String> escaping = release("1.1.0");
        escaping.put("../../escaped", "x");
        TaskResult escaped = install("1.1.0", escaping);
        assertTrue(escaped.message().startsWith("the package's entry '../../escaped' points outside its directory"), escaped.message());
        assertFalse(Files.exists(data.resolve("escaped")));
        assertFalse(Files.exists(data.getParent().resolve("escaped")));

        Map<String, String> bomb = release("1.1.0");
        bomb.put("payload/zeros", "0".repeat(2 * 1024 * 1024)); // compresses to a few KB, unpacks past the 1 MB limit
        TaskResult refused = install("1.1.0", bomb);
        assertTrue(refused.message().startsWith("the package unpacks to more than the agent's limit"), refused.message());
        assertNull(installer.currentVersion());
    }

    @Test
    void onlyTheCurrentAndThePreviousReleaseAreKept() throws Exception {
        for (String version : new String[] {"1.1.0", "1.2.0", "1.3.0"}) {
            assertTrue(install(version, release(version)).succeeded(), version);
        }
        try (var kept = Files.list(data.resolve("versions"))) {
            assertEquals(java.util.Set.of("1.2.0", "1.3.0"), kept.map(path -> path.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertEquals("versions/1.3.0", Files.readSymbolicLink(data.resolve("current")).toString());
    }
}
