package dev.steward.common.outbox;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Wakes the relay when events commit, on any replica: the outbox table's trigger NOTIFYs
 * {@value #CHANNEL} at commit, and this holds one connection of its own (outside the pool) that
 * LISTENs for it. The relay's
 * poll ({@code steward.outbox.relay.interval}) stays as the fallback for whatever a lost
 * connection missed, and catches up at each reconnect. Off with
 * {@code steward.outbox.relay.listen=false} (e.g. behind a pooler that cannot LISTEN).
 */
@Context
@Requires(beans = OutboxRelay.class)
@Requires(property = "steward.outbox.relay.listen", notEquals = "false")
public class OutboxWakeups {

    static final String CHANNEL = "steward_outbox";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWakeups.class);
    /** How long one wait for notifications blocks: also how long a shutdown waits for the thread. */
    private static final int WAIT_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final OutboxRelay relay;
    private final Thread listener;
    private volatile boolean running = true;

    public OutboxWakeups(DataSource dataSource, OutboxRelay relay) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.relay = relay;
        this.listener = new Thread(this::listen, "outbox-wakeups");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection connection = open()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                if (warned) {
                    LOG.info("Listening for outbox commits again");
                    warned = false;
                }
                relay.wake(); // what committed while nobody listened
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        relay.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warn("Not listening for outbox commits (the relay polls meanwhile): {}", e.getMessage());
                    warned = true;
                }
                pause();
            }
        }
    }

    /**
     * A connection of its own, outside the pool: it is held for good, and when the database drops it
     * the pool's own connections and their eviction are none of this listener's business.
     */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.setProperty("ApplicationName", "steward-outbox-wakeups");
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        listener.join(WAIT_MILLIS * 4L);
    }
}
