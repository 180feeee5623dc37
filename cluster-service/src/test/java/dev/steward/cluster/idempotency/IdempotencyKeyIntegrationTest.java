package dev.steward.cluster.idempotency;

import dev.steward.cluster.AbstractClusterTest;
import dev.steward.cluster.ClusterTestSupport;
import dev.steward.common.security.Role;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotency-Key on cluster-service's routes, against its real database: the cases of docs/decisions.md. */
class IdempotencyKeyIntegrationTest extends AbstractClusterTest {

    @Inject
    DataSource dataSource;

    private static String alias() {
        return "idem-" + UUID.randomUUID();
    }

    private static Map<String, String> create(String alias) {
        return Map.of("globalAlias", alias);
    }

    private <T> MutableHttpRequest<T> keyed(MutableHttpRequest<T> request, String key) {
        return asAdmin(request).header("Idempotency-Key", key);
    }

    private HttpResponse<String> send(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request, String.class);
    }

    private long bucketsWithAlias(String alias) {
        List<Map<String, Object>> buckets = http.toBlocking().retrieve(asAdmin(HttpRequest.GET("/v0/bucket")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return buckets.stream().filter(bucket -> String.valueOf(bucket.get("globalAliases")).contains(alias)).count();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        String alias = alias();
        HttpResponse<String> first = send(keyed(HttpRequest.POST("/v0/bucket", create(alias)), key));
        HttpResponse<String> retried = send(keyed(HttpRequest.POST("/v0/bucket", create(alias)), key));
        assertEquals(200, first.code());
        assertEquals(200, retried.code());
        assertEquals(first.body(), retried.body(), "the same bucket, the same answer");
        assertTrue(retried.getHeaders().get("Content-Type").startsWith("application/json"), retried.getHeaders().get("Content-Type"));
        assertEquals("true", retried.getHeaders().get("Idempotent-Replayed"));
        assertFalse(first.getHeaders().contains("Idempotent-Replayed"));
        assertEquals(1, bucketsWithAlias(alias));
    }

    @Test
    void withoutAKeyTheSameCreateRunsAgainAndIsRefused() {
        String alias = alias();
        send(asAdmin(HttpRequest.POST("/v0/bucket", create(alias))));
        HttpClientResponseException again = refused(HttpRequest.POST("/v0/bucket", create(alias)));
        assertEquals(409, again.getStatus().getCode(), "the control case: it is the key that makes the retry safe");
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndRunsNothing() {
        String key = UUID.randomUUID().toString();
        send(keyed(HttpRequest.POST("/v0/bucket", create(alias())), key));
        String other = alias();
        HttpClientResponseException reused = assertThrows(HttpClientResponseException.class,
                () -> send(keyed(HttpRequest.POST("/v0/bucket", create(other)), key)));
        assertEquals(422, reused.getStatus().getCode());
        assertEquals("IDEMPOTENCY_KEY_REUSED", ClusterTestSupport.problemCode(reused));
        assertEquals(0, bucketsWithAlias(other));
        HttpClientResponseException otherRoute = assertThrows(HttpClientResponseException.class,
                () -> send(keyed(HttpRequest.PUT("/v0/bucket/alias/global?id=x&alias=" + other, ""), key)));
        assertEquals(422, otherRoute.getStatus().getCode(), "another route is another request");
    }

    @Test
    void keysBelongToTheCallerWhoSentThem() {
        String key = UUID.randomUUID().toString();
        String alias = alias();
        send(keyed(HttpRequest.POST("/v0/bucket", create(alias)), key));
        MutableHttpRequest<?> someoneElse = HttpRequest.POST("/v0/bucket", create(alias))
                .bearerAuth(tokens.issue("token:other-admin", Role.ADMIN, List.of("*"), "garage-bearer", "198.51.100.8"))
                .header("Idempotency-Key", key);
        HttpClientResponseException ran = assertThrows(HttpClientResponseException.class, () -> send(someoneElse));
        assertEquals(409, ran.getStatus().getCode(), "another caller's request ran (and met the first bucket), nothing was replayed to it");
    }

    @Test
    void aFailedRequestKeepsNoKeySoItsRetryRuns() {
        String key = UUID.randomUUID().toString();
        HttpClientResponseException invalid = assertThrows(HttpClientResponseException.class,
                () -> send(keyed(HttpRequest.POST("/v0/bucket", Map.of("globalAlias", "Not A Valid Alias!")), key)));
        assertEquals(400, invalid.getStatus().getCode());
        String alias = alias();
        HttpResponse<String> fixed = send(keyed(HttpRequest.POST("/v0/bucket", create(alias)), key));
        assertEquals(200, fixed.code(), "the key was not taken by the refused request");
        assertEquals(1, bucketsWithAlias(alias));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneBucketAndAllGetItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String alias = alias();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(() -> send(keyed(HttpRequest.POST("/v0/bucket", create(alias)), key)));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<HttpResponse<String>> answer : pool.invokeAll(same)) {
                assertEquals(200, answer.get().code());
                bodies.add(answer.get().body());
            }
            assertEquals(1, bodies.size(), "every retry got the first answer");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, bucketsWithAlias(alias));
    }

    @Test
    void aKeyIsForgottenAfterItsRetention() throws Exception {
        String key = UUID.randomUUID().toString();
        send(keyed(HttpRequest.POST("/v0/bucket", create(alias())), key));
        try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement age = connection.prepareStatement(
                "UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?")) {
            age.setString(1, key);
            assertEquals(1, age.executeUpdate());
        }
        String later = alias();
        HttpResponse<String> reused = send(keyed(HttpRequest.POST("/v0/bucket", create(later)), key));
        assertEquals(200, reused.code(), "after 24 h the key is new again");
        assertEquals(1, bucketsWithAlias(later));
    }

    @Test
    void aKeyMustBeVisibleAsciiOfAtMost255Characters() {
        for (String bad : List.of("", "with space", "x".repeat(256), "caf\u00e9")) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> send(keyed(HttpRequest.POST("/v0/bucket", create(alias())), bad)), bad);
            assertEquals(400, refused.getStatus().getCode(), bad);
            assertEquals("INVALID_IDEMPOTENCY_KEY", ClusterTestSupport.problemCode(refused));
        }
        assertNotEquals(0, send(keyed(HttpRequest.POST("/v0/bucket", create(alias())), "x".repeat(255))).code());
    }

    @Test
    void deletesAreRepeatableByKeyToo() {
        String alias = alias();
        Map<?, ?> bucket = http.toBlocking().retrieve(asAdmin(HttpRequest.POST("/v0/bucket", create(alias))), Map.class);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> deleted = send(keyed(HttpRequest.DELETE("/v0/bucket?id=" + bucket.get("id")), key));
        HttpResponse<String> again = send(keyed(HttpRequest.DELETE("/v0/bucket?id=" + bucket.get("id")), key));
        assertEquals(deleted.code(), again.code(), "a retried delete is not 404");
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
    }
}
