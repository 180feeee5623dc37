package dev.steward.gateway.route;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionalEndpointsTest {

    private final OptionalEndpoints onlyCerts = new OptionalEndpoints(List.of(" certs "));

    @Test
    void anEndpointSwitchedOffTakesEveryPathBelowIt() {
        assertTrue(onlyCerts.serves("/api/v1/admin/certs"));
        assertFalse(onlyCerts.serves("/api/v1/admin/backup"));
        assertFalse(onlyCerts.serves("/api/v1/admin/backup/restore"));
        assertFalse(onlyCerts.serves("/api/v1/admin/license"));
    }

    @Test
    void theMandatoryEndpointsAndOtherApisAreAlwaysServed() {
        OptionalEndpoints none = new OptionalEndpoints(List.of());
        for (String pattern : List.of("/api/v1/admin/update", "/api/v1/admin/reboot", "/api/v1/admin/setup", "/v0/bucket", "/api/v1/volumes")) {
            assertTrue(none.serves(pattern), pattern);
        }
    }

    @Test
    void anUnknownNameStopsTheGatewayNamingIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new OptionalEndpoints(List.of("certs", "updates")));
        assertTrue(refused.getMessage().contains("[updates]"), refused.getMessage());
    }
}
