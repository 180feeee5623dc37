package dev.steward.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The agent's HTTP listener: {@code GET /v1/identity?challenge=<64 hex>} answers the node id and a
 * signature over the challenge (the connect handshake: cluster-service accepts the node only if the
 * signature verifies under the id it was given), {@code GET /v1/health} says it is up.
 */
final class IdentityServer implements AutoCloseable {

    static final Pattern CHALLENGE = Pattern.compile("[0-9a-f]{64}");

    private final HttpServer server;
    private final NodeIdentity identity;
    private final String version;
    private final ObjectMapper json = new ObjectMapper();

    IdentityServer(String bind, int port, NodeIdentity identity, String version) throws IOException {
        this.identity = identity;
        this.version = version;
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        server.createContext("/v1/identity", this::identityOf);
        server.createContext("/v1/health", exchange -> answer(exchange, 200, Map.of("status", "up", "nodeId", identity.nodeId())));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "agent-http");
            thread.setDaemon(true);
            return thread;
        }));
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void identityOf(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, Map.of("error", "use GET"));
            return;
        }
        String challenge = parameter(exchange.getRequestURI().getRawQuery(), "challenge");
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            answer(exchange, 400, Map.of("error", "challenge must be 32 bytes as 64 lower-case hex digits"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeId", identity.nodeId());
        body.put("signature", identity.prove(challenge));
        body.put("hostname", HostFacts.localHostname());
        body.put("version", version);
        answer(exchange, 200, body);
    }

    static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
