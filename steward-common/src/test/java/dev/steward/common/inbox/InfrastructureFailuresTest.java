package dev.steward.common.inbox;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are the infrastructure's (retry, 503) and which are the request's or the event's own. */
class InfrastructureFailuresTest {

    @Test
    void anUnreachableOrRestartingDatabaseIsTransient() {
        assertTrue(InfrastructureFailures.isTransient(new SQLTransientConnectionException("pool timed out")));
        assertTrue(InfrastructureFailures.isTransient(new IllegalStateException("wrapped", new SQLException("refused", "08001"))));
        assertTrue(InfrastructureFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(InfrastructureFailures.isTransient(new SQLException("could not serialize access", "40001")));
        assertTrue(InfrastructureFailures.isTransient(new RuntimeException(new ConnectException("Connection refused"))));
        // What Micronaut Data throws after PostgreSQL restarted under a pooled connection (seen in OutageE2EIT).
        assertTrue(InfrastructureFailures.isTransient(new io.micronaut.data.connection.exceptions.ConnectionException(
                "Could not set JDBC Connection read-only: Connection is closed", new SQLException("Connection is closed"))));
        assertTrue(InfrastructureFailures.isTransient(new IllegalStateException(new SQLException("Connection is closed"))));
    }

    @Test
    void theRequestsOrTheEventsOwnFailuresAreNot() {
        assertFalse(InfrastructureFailures.isTransient(new SQLException("null value in column name", "23502")));
        assertFalse(InfrastructureFailures.isTransient(new SQLException("duplicate key", "23505")));
        assertFalse(InfrastructureFailures.isTransient(new IllegalArgumentException("bad data")));
        assertFalse(InfrastructureFailures.isTransient(new SQLException("no state")));
    }
}
