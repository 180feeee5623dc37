package dev.steward.jobs.job;

import dev.steward.common.security.InternalClaims;
import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two jobs-service instances on one database, as two replicas run in production: concurrent
 * requests for exclusive jobs, spread over both, let exactly one job through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExclusiveJobsIntegrationTest {

    private final List<EmbeddedServer> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private InternalTokenIssuer tokens;

    @BeforeAll
    void startTwoInstances() {
        Map<String, Object> properties = new HashMap<>(ServiceTestProperties.forService("jobs"));
        properties.put("micronaut.server.port", -1);
        // Accepted jobs stay running: the test is about accepting, not running them.
        properties.put("steward.jobs.runner.enabled", "false");
        for (int i = 0; i < 2; i++) {
            instances.add(ApplicationContext.run(EmbeddedServer.class, properties));
        }
        tokens = instances.get(0).getApplicationContext().getBean(InternalTokenIssuer.class);
    }

    @AfterAll
    void stopInstances() {
        instances.forEach(EmbeddedServer::close);
    }

    @Test
    void concurrentRequestsOnTwoReplicasStartExactlyOneExclusiveJob() throws Exception {
        int requests = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            EmbeddedServer instance = instances.get(i % 2);
            String token = tokens.issue("token:test-admin-" + i, dev.steward.common.security.Role.ADMIN, List.of("*"), "jidoteki-token", "192.0.2.40");
            Callable<HttpResponse<String>> reboot = () -> {
                start.await();
                return http.send(HttpRequest.newBuilder(URI.create(instance.getURL() + "/api/v1/admin/reboot"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            };
            answers.add(pool.submit(reboot));
        }
        start.countDown();
        int accepted = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                assertEquals(400, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"error-code\":\"E1004\""), response.body());
            }
        }
        pool.shutdown();
        assertEquals(1, accepted, "exactly one of " + requests + " concurrent requests on two replicas starts a job");
        JobRepository jobs = instances.get(1).getApplicationContext().getBean(JobRepository.class);
        assertEquals(1, jobs.latest(null, 100).stream().filter(job -> job.running() && job.exclusive()).count(), "one exclusive job is running");
    }
}
