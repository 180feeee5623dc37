package dev.steward.common.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Set;

/**
 * When PostgreSQL drops every connection (a restart, a failover, an administrator), Hikari evicts only the
 * connection that failed and hands out the others unchecked if they were used in the last 500 ms, so each dead
 * connection fails one more request in turn. The first connection that breaks because the server went away
 * soft-evicts the whole pool instead: idle connections are closed at once, busy ones when they are returned,
 * and the next request gets a new connection.
 */
@Singleton
@Requires(classes = {HikariDataSource.class, DatasourceConfiguration.class})
public class BrokenConnectionEviction implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(BrokenConnectionEviction.class);

    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server, not this connection, is the cause. */
    private static final Set<String> SERVER_GONE_STATES = Set.of("57P01", "57P02", "57P03");

    private final BeanContext beans;

    public BrokenConnectionEviction(BeanContext beans) {
        this.beans = beans;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.setExceptionOverride(new EvictOnServerGone(configuration.getName()));
        return configuration;
    }

    /** Hikari asks this about every SQL exception on a pooled connection (its interface has only a default method). */
    private final class EvictOnServerGone implements SQLExceptionOverride {
        private final String dataSource;

        EvictOnServerGone(String dataSource) {
            this.dataSource = dataSource;
        }

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException exception) {
            if (serverGone(exception)) {
                evict(dataSource, exception);
            }
            return SQLExceptionOverride.Override.CONTINUE_EVICT; // Hikari's own rules still evict the failed connection
        }
    }

    /** Connection failures (SQL state class 08) and the server's shutdown states. */
    static boolean serverGone(SQLException exception) {
        String state = exception.getSQLState();
        return state != null && (state.startsWith("08") || SERVER_GONE_STATES.contains(state));
    }

    private void evict(String name, SQLException cause) {
        // Looked up when needed: the data source is built from the configuration this listener is handed.
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(beans.getBean(DataSource.class, Qualifiers.byName(name)));
        if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            LOG.warn("Database connection broken (SQL state {}): evicting every pooled connection of data source {}",
                    cause.getSQLState(), name);
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }
}
