package dev.steward.gateway.route;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    private static final URI IDENTITY = URI.create("http://identity:8081");
    private static final URI CLUSTER = URI.create("http://cluster:8082");

    private final RouteTable table = new RouteTable(List.of(
            Route.of("/v0", "cluster", CLUSTER, 403),
            Route.of("/v0/key", "identity", IDENTITY, 403),
            Route.of("/api/v1/volumes", "cluster", CLUSTER, 403),
            Route.of("/api/v1/volumes/*/exports", "identity", IDENTITY, 403),
            Route.of("/v1/peers", "cluster", CLUSTER, 401)));

    private Optional<String> serviceFor(String path) {
        return table.match(path).map(Route::service);
    }

    @Test
    void theMostSpecificPatternWins() {
        assertEquals(Optional.of("cluster"), serviceFor("/v0/status"));
        assertEquals(Optional.of("identity"), serviceFor("/v0/key"));
        assertEquals(Optional.of("identity"), serviceFor("/v0/key/import"));
        assertEquals(Optional.of("cluster"), serviceFor("/api/v1/volumes"));
        assertEquals(Optional.of("cluster"), serviceFor("/api/v1/volumes/7"));
        assertEquals(Optional.of("identity"), serviceFor("/api/v1/volumes/7/exports"));
        assertEquals(Optional.of("identity"), serviceFor("/api/v1/volumes/7/exports/3"));
        assertEquals(Optional.of("cluster"), serviceFor("/api/v1/volumes/7/quotas"));
    }

    @Test
    void patternsMatchWholeSegmentsOnly() {
        assertEquals(Optional.empty(), serviceFor("/v0x/status"));
        assertEquals(Optional.empty(), serviceFor("/v0keys"), "no partial segment match");
        assertEquals(Optional.of("cluster"), serviceFor("/v0/keys"), "/v0/keys is not /v0/key");
        assertEquals(Optional.empty(), serviceFor("/"));
        assertEquals(Optional.empty(), serviceFor("/api/v1"));
    }

    @Test
    void refusalStatusComesFromTheRoute() {
        assertEquals(401, table.match("/v1/peers").orElseThrow().refusalStatus());
        assertEquals(403, table.match("/v0/status").orElseThrow().refusalStatus());
    }

    @Test
    void badRoutesAreRejectedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> Route.of("v0", "cluster", CLUSTER, 403));
        IllegalArgumentException status = assertThrows(IllegalArgumentException.class, () -> Route.of("/v0", "cluster", CLUSTER, 500));
        assertTrue(status.getMessage().contains("401 or 403"));
    }
}
