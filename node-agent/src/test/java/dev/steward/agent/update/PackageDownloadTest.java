package dev.steward.agent.update;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task names the package; it cannot make the agent fetch anything but a package path of its own gateway. */
class PackageDownloadTest {

    @Test
    void onlyPackagePathsOfTheConfiguredGatewayAreFetched(@TempDir Path dir) {
        // Port 9 (discard) on loopback: nothing is ever fetched, every case is refused before a connection.
        PackageDownload download = new PackageDownload(URI.create("http://127.0.0.1:9/"), "token", 1024);
        for (String path : new String[] {"http://attacker.example/steward/v1/update-packages/0e1f4e55-3c5d-4a6b-9d7e-1f2a3b4c5d6e",
                "//attacker.example/steward/v1/update-packages/0e1f4e55-3c5d-4a6b-9d7e-1f2a3b4c5d6e",
                "/steward/v1/update-packages/../../../v0/key?list", "/v0/key", "", null}) {
            PackageDownload.FailedException refused = assertThrows(PackageDownload.FailedException.class,
                    () -> download.fetch(path, dir.resolve("package.enc")), String.valueOf(path));
            assertTrue(refused.getMessage().startsWith("the task's package is not a Steward update package path"), refused.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("package.enc")));
    }

    @Test
    void anAgentWithoutGatewayOrTokenSaysSo(@TempDir Path dir) {
        PackageDownload.FailedException refused = assertThrows(PackageDownload.FailedException.class,
                () -> new PackageDownload(null, null, 1024).fetch("/steward/v1/update-packages/0e1f4e55-3c5d-4a6b-9d7e-1f2a3b4c5d6e",
                        dir.resolve("package.enc")));
        assertTrue(refused.getMessage().contains("STEWARD_AGENT_GATEWAY and STEWARD_AGENT_TOKEN"), refused.getMessage());
    }
}
