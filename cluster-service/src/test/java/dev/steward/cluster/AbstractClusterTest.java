package dev.steward.cluster;

import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.ServiceTestProperties;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The header of cluster-service's tests against its real database and Kafka: the service started
 * once per class with {@link #properties()} on top of the shared test properties, an HTTP client
 * and an admin's internal token.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractClusterTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    protected HttpClient http;

    @Inject
    protected InternalTokenIssuer tokens;

    /** Properties this test class needs on top of the shared ones. */
    protected Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ServiceTestProperties.forService("cluster"));
        properties.putAll(properties());
        return properties;
    }

    protected <T> MutableHttpRequest<T> asAdmin(MutableHttpRequest<T> request) {
        return ClusterTestSupport.asAdmin(request, tokens);
    }

    protected Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.GET(uri)), Argument.mapOf(String.class, Object.class));
    }

    protected Map<String, Object> post(String uri, Object body) {
        return http.toBlocking().retrieve(asAdmin(HttpRequest.POST(uri, body)), Argument.mapOf(String.class, Object.class));
    }

    /** The refusal of a request that must fail, for its status and problem body. */
    protected HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(asAdmin(request), Map.class));
    }
}
