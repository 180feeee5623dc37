package dev.steward.gateway.system;

import com.sun.net.httpserver.HttpServer;
import dev.steward.gateway.route.Route;
import dev.steward.gateway.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /services against real HTTP listeners: one ready, one not ready, one not listening at all. */
class ServiceStatusTest {

    private static HttpServer readiness(int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void eachServiceIsRunningFailingOrStopped() throws Exception {
        HttpServer ready = readiness(200);
        HttpServer notReady = readiness(503);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try {
            RouteTable routes = RouteTable.of(List.of(
                    Route.of("/v0", "cluster", url(ready), 403),
                    Route.of("/v0/key", "identity", url(notReady), 403),
                    Route.of("/api/v1/admin/update", "jobs", URI.create("http://127.0.0.1:" + closedPort), 403),
                    Route.of("/api/v1/admin/services", Route.GATEWAY, null, 403)));
            assertEquals(List.of(Map.of("gateway-service", "running"), Map.of("cluster-service", "running"),
                    Map.of("identity-service", "failing"), Map.of("jobs-service", "stopped")), new ServiceStatus(routes).probe().join());
            assertEquals(List.of("/api/v1/admin/services", "/api/v1/admin/update"), new ApiEndpoints(routes).list());
        } finally {
            ready.stop(0);
            notReady.stop(0);
        }
    }
}
