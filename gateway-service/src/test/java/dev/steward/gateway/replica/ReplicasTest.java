package dev.steward.gateway.replica;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replica order and failover, against real sockets: a live server, a closed port, and one that drops what it accepts. */
class ReplicasTest {

    private static final URI A = URI.create("http://127.0.0.1:1");
    private static final URI B = URI.create("http://127.0.0.1:2");
    private static final URI C = URI.create("http://127.0.0.1:3");

    private HttpServer live;
    private ServerSocket dropping;
    private final AtomicInteger liveRequests = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void servers() throws IOException {
        live = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        live.createContext("/", exchange -> {
            liveRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        live.start();
        dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!dropping.isClosed()) {
                try (Socket socket = dropping.accept()) {
                    socket.getInputStream().read(new byte[1024]); // the request arrived, the process "died" before answering
                    dropped.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        live.stop(0);
        dropping.close();
    }

    private URI liveUrl() {
        return URI.create("http://127.0.0.1:" + live.getAddress().getPort());
    }

    private URI droppingUrl() {
        return URI.create("http://127.0.0.1:" + dropping.getLocalPort());
    }

    private static URI closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private Mono<Integer> send(String method, URI replica, List<URI> tried) {
        tried.add(replica);
        HttpRequest request = HttpRequest.newBuilder(replica.resolve("/v0/status")).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}")).build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())).map(HttpResponse::statusCode);
    }

    @Test
    void requestsGoRoundRobin() {
        Replicas replicas = new Replicas("cluster", List.of(A, B, C), Duration.ofSeconds(5));
        assertEquals(List.of(A, B, C), replicas.order(0));
        assertEquals(List.of(B, C, A), replicas.order(0));
        assertEquals(List.of(C, A, B), replicas.order(0));
        assertEquals(List.of(A, B, C), replicas.order(0));
    }

    @Test
    void aReplicaThatRefusedIsTriedLastUntilItsBackoffEndsOrItAnswers() {
        Replicas replicas = new Replicas("cluster", List.of(A, B, C), Duration.ofSeconds(5));
        long refusedAt = 1_000_000_000L;
        replicas.refused(B, refusedAt);
        assertEquals(List.of(A, C, B), replicas.order(refusedAt + 1));
        assertEquals(List.of(C, A, B), replicas.order(refusedAt + Duration.ofSeconds(4).toNanos()), "still within the backoff");
        assertEquals(List.of(C, A, B), replicas.order(refusedAt + Duration.ofSeconds(5).toNanos()), "its turn again");
        replicas.refused(A, refusedAt);
        replicas.answered(A);
        assertEquals(List.of(A, C, B), replicas.order(refusedAt + 1), "A answered: back in turn; B still refused");
    }

    @Test
    void everyReplicaRefusingIsStillTriedInTurn() {
        Replicas replicas = new Replicas("cluster", List.of(A, B), Duration.ofSeconds(5));
        replicas.refused(A, 0);
        replicas.refused(B, 0);
        assertEquals(2, replicas.order(1).size(), "none left out: a service whose replicas all restarted is found again");
    }

    @Test
    void anyMethodMovesOnFromARefusedConnectionAndTheReplicaIsMarked() throws Exception {
        URI closed = closedUrl();
        for (String method : List.of("GET", "POST", "DELETE")) {
            Replicas replicas = new Replicas("cluster", List.of(closed, liveUrl()), Duration.ofSeconds(5));
            List<URI> tried = new CopyOnWriteArrayList<>();
            assertEquals(200, replicas.call(Failover.repeatable(method, false), replica -> send(method, replica, tried)).block(), method);
            assertEquals(List.of(closed, liveUrl()), tried, method);
            assertEquals(liveUrl(), replicas.order().get(0), "the refusing replica goes last");
        }
    }

    @Test
    void aSafeMethodMovesOnAfterTheRequestWasLostButAWriteStops() throws Exception {
        Replicas replicas = new Replicas("cluster", List.of(droppingUrl(), liveUrl()), Duration.ofSeconds(5));
        List<URI> tried = new CopyOnWriteArrayList<>();
        assertEquals(200, replicas.call(true, replica -> send("GET", replica, tried)).block());
        assertEquals(List.of(droppingUrl(), liveUrl()), tried);

        Replicas again = new Replicas("cluster", List.of(droppingUrl(), liveUrl()), Duration.ofSeconds(5));
        List<URI> writes = new CopyOnWriteArrayList<>();
        int before = liveRequests.get();
        RuntimeException failed = assertThrows(RuntimeException.class, () -> again.call(false, replica -> send("POST", replica, writes)).block());
        assertTrue(failed.getCause() instanceof IOException || failed instanceof java.io.UncheckedIOException
                || failed.getCause() != null, failed.toString());
        assertEquals(List.of(droppingUrl()), writes, "the write may have been applied: it is not sent again");
        assertEquals(before, liveRequests.get());
        assertTrue(dropped.get() >= 2);
    }

    @Test
    void anAnswerIsNeverRetriedWhateverItsStatus() {
        Replicas replicas = new Replicas("cluster", List.of(A, B), Duration.ofSeconds(5));
        AtomicInteger calls = new AtomicInteger();
        assertThrows(io.micronaut.http.client.exceptions.HttpClientResponseException.class, () -> replicas.call(true, replica -> {
            calls.incrementAndGet();
            return Mono.error(new io.micronaut.http.client.exceptions.HttpClientResponseException("Service Unavailable",
                    io.micronaut.http.HttpResponse.serverError()));
        }).block());
        assertEquals(1, calls.get());
    }

    @Test
    void configuredAddressesAreCheckedAtStart() {
        assertEquals(List.of(URI.create("http://a:8082"), URI.create("http://b:8082")),
                Replicas.parse("cluster", " http://a:8082 ,http://b:8082,", Duration.ofSeconds(5)).all());
        for (String bad : List.of("", " , ", "a:8082", "ftp://a:8082", "http://a:8082/v0", "http://a:8082?x=1", "http://a:8082,http://a:8082")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Replicas.parse("cluster", bad, Duration.ofSeconds(5)), bad);
            assertTrue(refused.getMessage().contains("steward.gateway.services.cluster.url"), refused.getMessage());
        }
    }
}
