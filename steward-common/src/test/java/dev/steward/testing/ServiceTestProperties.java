package dev.steward.testing;

import java.util.HashMap;
import java.util.Map;

/** Properties that point a service under test at its own fresh database and the shared broker. */
public final class ServiceTestProperties {

    /** Shared by test token minting and the services under test. */
    public static final String INTERNAL_JWT_SECRET = "test-internal-jwt-secret-0123456789abcdef";
    /** Key-encryption key for identity-service under test (32 bytes, base64). */
    public static final String KEK = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private ServiceTestProperties() {
    }

    public static Map<String, String> forService(String databasePrefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", infra.createDatabase(databasePrefix));
        properties.put("datasources.default.username", infra.user());
        properties.put("datasources.default.password", infra.password());
        properties.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        properties.put("steward.internal-jwt.secret", INTERNAL_JWT_SECRET);
        properties.put("steward.identity.kek", KEK);
        return properties;
    }
}
