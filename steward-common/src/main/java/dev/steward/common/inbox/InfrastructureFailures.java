package dev.steward.common.inbox;

import dev.steward.common.error.Causes;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure of the infrastructure (the database or Kafka unreachable, a serialization
 * conflict) from a failure of the event itself. Only the latter makes an event poison: parking
 * every event while PostgreSQL restarts would turn a short outage into a pile of manual replays.
 */
public final class InfrastructureFailures {

    private InfrastructureFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause : Causes.of(failure)) {
            if (cause instanceof InfrastructureUnavailableException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException
                    || isKafkaRetriable(cause)
                    || isA(cause, "io.micronaut.data.connection.exceptions.ConnectionException")) {
                return true;
            }
            // A pooled connection PostgreSQL dropped (a restart): Hikari says so without a SQLSTATE.
            if (cause instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P01..03
     * the server shutting down or starting, 40001/40P01 serialization failure and deadlock.
     */
    static boolean isTransientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01");
    }

    private static boolean isKafkaRetriable(Throwable cause) {
        return isA(cause, "org.apache.kafka.common.errors.RetriableException");
    }

    /** By name: not every service has Kafka or Micronaut Data on its classpath. */
    private static boolean isA(Throwable cause, String className) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
