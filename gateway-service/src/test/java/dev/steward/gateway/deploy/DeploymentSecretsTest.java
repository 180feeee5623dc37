package dev.steward.gateway.deploy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.steward.common.security.InternalJwtKeys;
import dev.steward.common.security.InternalTokenIssuer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 7 of issue 12: compose fell back to published placeholder secrets and the first-run token
 * was empty, so a fresh install's first anonymous setup owned it. Runs the project's real script.
 */
class DeploymentSecretsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> SECRETS = List.of("STEWARD_ADMIN_TOKEN", "STEWARD_METRICS_TOKEN",
            "STEWARD_JIDOTEKI_FIRST_RUN_TOKEN", "STEWARD_INTERNAL_JWT_PRIVATE_KEY",
            "STEWARD_INTERNAL_JWT_PUBLIC_KEY", "STEWARD_KEK");

    @Test
    void composeHasNoDefaultSecretsAndRefusesToStartWithoutThem() throws Exception {
        String compose = Files.readString(ROOT.resolve("docker/docker-compose.yml"), StandardCharsets.UTF_8);
        for (String secret : SECRETS) {
            assertFalse(compose.contains("${" + secret + ":-"), secret + " has a default in docker-compose.yml");
            assertTrue(compose.contains("${" + secret + ":?"), secret + " is not required by docker-compose.yml");
        }
    }

    @Test
    void composeEnvWritesEveryRequiredSecretFreshAndKeepsAnExistingFile(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docker"));
        Map<String, String> first = run(root, List.of());
        Map<String, String> second;
        Set<String> required = new HashSet<>();
        Matcher needed = Pattern.compile("\\$\\{(\\w+):\\?").matcher(Files.readString(ROOT.resolve("docker/docker-compose.yml")));
        while (needed.find()) {
            required.add(needed.group(1));
        }
        assertTrue(first.keySet().containsAll(required), "docker/.env lacks " + required + ": " + first.keySet());
        for (String secret : SECRETS) {
            assertTrue(first.get(secret).length() >= 32, secret + " is too short to be random");
        }
        // The pair belongs together: what the gateway signs with the private key, services verify with the public one.
        String signed = new InternalTokenIssuer(InternalJwtKeys.privateKey(first.get("STEWARD_INTERNAL_JWT_PRIVATE_KEY")),
                Duration.ofSeconds(30)).issueForService("gateway");
        assertTrue(SignedJWT.parse(signed).verify(new ECDSAVerifier(InternalJwtKeys.publicKey(first.get("STEWARD_INTERNAL_JWT_PUBLIC_KEY")))));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("docker/.env"))));

        Process again = script(root, List.of()).start();
        assertNotEquals(0, again.waitFor(), "an existing .env (its KEK) is not replaced silently");
        assertEquals(first, read(root), "and it is left as it was");

        second = run(root, List.of("--force"));
        for (String secret : SECRETS) {
            assertNotEquals(first.get(secret), second.get(secret), secret + " is fresh on every run");
        }
    }

    private static ProcessBuilder script(Path root, List<String> args) throws Exception {
        Files.createDirectories(root.resolve("scripts"));
        for (String file : List.of("lib.sh", "compose-env.sh")) {
            Files.copy(ROOT.resolve("scripts").resolve(file), root.resolve("scripts").resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("scripts/compose-env.sh").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STEWARD_ROOT", root.toString());
        return builder;
    }

    private static Map<String, String> run(Path root, List<String> args) throws Exception {
        Process process = script(root, args).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return read(root);
    }

    private static Map<String, String> read(Path root) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve("docker/.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return values;
    }
}
