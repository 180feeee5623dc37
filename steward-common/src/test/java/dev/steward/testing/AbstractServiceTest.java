package dev.steward.testing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code @MicronautTest} header every service module's tests share: the service started once
 * per class against the real test PostgreSQL and Kafka ({@link ServiceTestProperties}), with the
 * class's own {@link #properties()} on top. Each module's base names its service.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractServiceTest implements TestPropertyProvider {

    /** Every property the service was started with (its database and Kafka included), for tests that connect themselves. */
    protected Map<String, String> serviceProperties;

    /** The service under test: identity, cluster or jobs. */
    protected abstract String service();

    /** Properties this test class needs on top of the shared ones. */
    protected Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ServiceTestProperties.forService(service()));
        properties.putAll(properties());
        serviceProperties = Map.copyOf(properties);
        return properties;
    }
}
