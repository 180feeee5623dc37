package dev.steward.jobs.update;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import dev.steward.testing.Zips;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdatePackageTest {

    static final byte[] KEY = key();
    private static final JsonMapper JSON = JsonMapper.createDefault();

    static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void aSealedPackageOpensWithItsKeyOnly() throws Exception {
        byte[] sealed = UpdatePackage.seal(KEY, Zips.of(Map.of("manifest.json", "{\"version\":\"1.2.3\",\"builddate\":\"1795392000\"}",
                "CHANGELOG.md", "# Changelog\n", "payload/steward.tar", "binary")));
        UpdatePackage.Contents contents = UpdatePackage.open(KEY, sealed, JSON);
        assertEquals(new UpdatePackage.Manifest("1.2.3", "1795392000", null), contents.manifest());
        assertEquals("# Changelog\n", contents.changelog());

        assertThrows(UpdatePackage.UnreadableException.class, () -> UpdatePackage.open(key(), sealed, JSON), "another key");
        byte[] altered = sealed.clone();
        altered[altered.length - 20] ^= 1;
        assertThrows(UpdatePackage.UnreadableException.class, () -> UpdatePackage.open(KEY, altered, JSON), "one bit changed");
        assertThrows(UpdatePackage.UnreadableException.class, () -> UpdatePackage.open(KEY, "plain text".getBytes(), JSON));
    }

    @Test
    void theManifestDecidesBetweenUnreadableAndVersionErrors() {
        assertThrows(UpdatePackage.UnreadableException.class,
                () -> UpdatePackage.open(KEY, UpdatePackage.seal(KEY, "not a zip".getBytes()), JSON));
        assertThrows(UpdatePackage.UnreadableException.class,
                () -> UpdatePackage.open(KEY, UpdatePackage.seal(KEY, Zips.of(Map.of("CHANGELOG.md", "x"))), JSON), "no manifest");
        assertThrows(UpdatePackage.UnreadableException.class,
                () -> UpdatePackage.open(KEY, UpdatePackage.seal(KEY, Zips.of(Map.of("manifest.json", "{\"version\":\"1.0\"}"))), JSON), "no builddate");
        assertThrows(UpdatePackage.VersionException.class, () -> UpdatePackage.open(KEY,
                UpdatePackage.seal(KEY, Zips.of(Map.of("manifest.json", "{\"version\":\"v2\",\"builddate\":\"1\"}"))), JSON));
        assertThrows(UpdatePackage.VersionException.class, () -> UpdatePackage.open(KEY,
                UpdatePackage.seal(KEY, Zips.of(Map.of("manifest.json", "{\"version\":\"2.0\",\"requires\":\"latest\",\"builddate\":\"1\"}"))), JSON));
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(Versions.compare("1.10", "1.9") > 0);
        assertTrue(Versions.compare("1.0", "1.0.0") == 0);
        assertTrue(Versions.compare("0.1.0", "1") < 0);
        assertTrue(Versions.valid("2026.11.23.1"));
        assertTrue(!Versions.valid("1.2.3.4.5") && !Versions.valid("1.x") && !Versions.valid(""));
    }
}
