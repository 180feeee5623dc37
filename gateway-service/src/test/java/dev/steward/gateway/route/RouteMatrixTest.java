package dev.steward.gateway.route;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/security.md's role x route matrix is the route table's: regenerate it with
 * {@code -Dsteward.regenerate-docs=true} after changing a route, and this test keeps the two equal.
 */
class RouteMatrixTest {

    private static final Path SECURITY_MD = Path.of("").toAbsolutePath().getParent().resolve("docs/security.md");

    @Test
    void theDocumentedMatrixIsTheConfiguredOne() throws Exception {
        String generated = RouteMatrix.markdown(ConfiguredRoutes.routes());
        String document = Files.readString(SECURITY_MD, StandardCharsets.UTF_8);
        int begin = document.indexOf(RouteMatrix.BEGIN);
        int end = document.indexOf(RouteMatrix.END);
        assertTrue(begin >= 0 && end > begin, "docs/security.md has no route-matrix markers");
        String documented = document.substring(begin, end + RouteMatrix.END.length());
        if (Boolean.getBoolean("steward.regenerate-docs")) {
            Files.writeString(SECURITY_MD, document.replace(documented, generated), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, documented, "the route table changed: run RouteMatrixTest with -Dsteward.regenerate-docs=true");
    }

    @Test
    void everyConfiguredRouteDecidesWhoMayCallIt() throws Exception {
        List<Map<String, Object>> raw = ConfiguredRoutes.raw();
        for (Map<String, Object> route : raw) {
            for (String decision : List.of("read-role", "write-role", "writes")) {
                assertTrue(route.containsKey(decision), route.get("pattern") + " does not set " + decision);
            }
        }
        assertEquals(raw.size(), ConfiguredRoutes.routes().size());
    }

    @Test
    void aRouteWithoutADecisionStopsTheGateway() {
        Map<String, Object> undecided = new HashMap<>(Map.of("pattern", "/v0/new", "service", "cluster", "read-role", "auditor",
                "writes", "by-method"));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ConfiguredRoutes.bind(0, undecided).access());
        assertTrue(missing.getMessage().contains("/v0/new") && missing.getMessage().contains("write-role"), missing.getMessage());

        undecided.put("write-role", "root");
        assertThrows(IllegalStateException.class, () -> ConfiguredRoutes.bind(0, undecided).access(), "an unknown role");
        undecided.put("write-role", "admin");
        undecided.put("writes", "sometimes");
        assertThrows(IllegalStateException.class, () -> ConfiguredRoutes.bind(0, undecided).access());
    }

    @Test
    void queryCredentialsAreTheJidotekiApisOnly() throws Exception {
        for (Route route : ConfiguredRoutes.routes()) {
            assertEquals(route.pattern().startsWith("/api/v1/admin/"), route.access().queryCredentials(), route.pattern());
        }
        assertThrows(IllegalArgumentException.class, () -> Route.of("/v0/key", "identity", (java.net.URI) null, 403, "keys", true, false,
                new Access(dev.steward.common.security.Role.AUDITOR, dev.steward.common.security.Role.ADMIN, false, false, true, false)));
    }
}
