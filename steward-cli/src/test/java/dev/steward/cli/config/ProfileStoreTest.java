package dev.steward.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileStoreTest {

    @TempDir
    Path dir;

    @Test
    void profilesRoundTripAndTheFirstIsTheDefault() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("sub/profiles.properties"));
        store.save(new Profile("local", URI.create("http://localhost:8080"), Scheme.BEARER, "tok-123456789", null), false);
        store.save(new Profile("juice", URI.create("https://gw.example"), Scheme.JUICEFS, "ak", "sk"), false);
        assertEquals("local", store.defaultName().orElseThrow());
        assertEquals(new Profile("juice", URI.create("https://gw.example"), Scheme.JUICEFS, "ak", "sk"), store.get("juice"));
        assertEquals("local", store.get(null).name());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())), "it holds credentials");
        assertEquals("tok-12…", store.get("local").redactedKey());

        store.save(store.get("juice"), true);
        assertEquals("juice", store.defaultName().orElseThrow());
        assertTrue(store.remove("juice"));
        assertFalse(store.remove("juice"));
        assertTrue(store.defaultName().isEmpty(), "the default went with it");
        assertEquals(1, store.all().size());
    }

    @Test
    void incompleteProfilesAndUnknownNamesAreRefusedWithWhatIsMissing() {
        IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
                () -> new Profile("g", URI.create("http://gw"), Scheme.GLUSTER, "app", null));
        assertEquals("profile 'g' lacks secret", noSecret.getMessage());
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> new Profile("f", URI.create("http://gw"), Scheme.JUICEFS, null, "s"));
        assertEquals("profile 'f' lacks access-key", noKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Profile("x", URI.create("ftp://gw"), Scheme.BEARER, "t", null));
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("sigv4"));

        ProfileStore empty = new ProfileStore(dir.resolve("none.properties"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> empty.get(null)).getMessage().contains("steward profile add"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> empty.get("prod")).getMessage().contains("no profile 'prod'"));
    }
}
