package dev.steward.cluster;

import dev.steward.common.security.InternalTokenIssuer;
import dev.steward.testing.AbstractServiceTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The base of cluster-service's tests against its real database and Kafka ({@link AbstractServiceTest}),
 * with an HTTP client and an admin's internal token.
 */
public abstract class AbstractClusterTest extends AbstractServiceTest {

    @Inject
    @Client("/")
    protected HttpClient http;

    @Inject
    protected InternalTokenIssuer tokens;

    @Override
    protected final String service() {
        return "cluster";
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
