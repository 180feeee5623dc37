package dev.steward.identity;

import dev.steward.testing.AbstractServiceTest;

/** The base of identity-service's tests: the service against its real database and Kafka. */
public abstract class AbstractIdentityTest extends AbstractServiceTest {

    @Override
    protected final String service() {
        return "identity";
    }
}
