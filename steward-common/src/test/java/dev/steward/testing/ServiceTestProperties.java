package dev.steward.testing;

import dev.steward.common.security.InternalJwtKeys;

import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/** Properties that point a service under test at its own fresh database and the shared broker. */
public final class ServiceTestProperties {

    /**
     * The gateway's internal JWT key pair, for this test JVM: services under test verify with its
     * public key; tests mint tokens with its private key, as the gateway does.
     */
    public static final KeyPair INTERNAL_JWT_KEYS = InternalJwtKeys.generate();
    /** Key-encryption key for identity-service under test (32 bytes, base64). */
    public static final String KEK = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private ServiceTestProperties() {
    }

    /** The Kafka principal of the service a test database prefix belongs to (deploy/kafka/acls.tsv). */
    private static String principal(String databasePrefix) {
        for (String service : new String[] {"cluster", "identity", "jobs", "gateway"}) {
            if (databasePrefix.startsWith(service)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no Kafka principal for database prefix " + databasePrefix);
    }

    public static Map<String, String> forService(String databasePrefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", infra.createDatabase(databasePrefix));
        properties.put("datasources.default.username", infra.user());
        properties.put("datasources.default.password", infra.password());
        properties.putAll(infra.kafka().serviceProperties(principal(databasePrefix)));
        properties.put("steward.internal-jwt.public-key", InternalJwtKeys.encode(INTERNAL_JWT_KEYS.getPublic()));
        // Only so that tests can inject an InternalTokenIssuer: a deployed service has no private key.
        properties.put("steward.internal-jwt.private-key", InternalJwtKeys.encode(INTERNAL_JWT_KEYS.getPrivate()));
        properties.put("steward.identity.kek", KEK);
        return properties;
    }
}
