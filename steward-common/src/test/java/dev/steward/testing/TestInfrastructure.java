package dev.steward.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Real PostgreSQL and Kafka for tests, found in this order:
 * <ol>
 *   <li>endpoints from the environment ({@code STEWARD_PG_URL}, {@code STEWARD_PG_USER},
 *   {@code STEWARD_PG_PASSWORD}, {@code KAFKA_BOOTSTRAP_SERVERS}), as exported by
 *   {@code scripts/infra.sh};</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>otherwise the test fails with a message saying how to provide them. Never skipped.</li>
 * </ol>
 * Each caller gets a fresh database on the one server, so test classes never see each other's rows.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String kafkaBootstrapServers;
    private final KafkaAccess kafka;
    private final String origin;

    private TestInfrastructure(String adminJdbcUrl, String user, String password, String kafkaBootstrapServers, String origin) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.user = user;
        this.password = password;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.kafka = KafkaAccess.fromEnvironment(kafkaBootstrapServers);
        this.origin = origin;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    private static TestInfrastructure locate() {
        String pgUrl = System.getenv("STEWARD_PG_URL");
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (pgUrl != null && kafka != null) {
            return new TestInfrastructure(pgUrl, envOr("STEWARD_PG_USER", "steward"), envOr("STEWARD_PG_PASSWORD", "steward"),
                    kafka, "environment");
        }
        if (pgUrl != null || kafka != null) {
            throw new IllegalStateException("Only one of STEWARD_PG_URL and KAFKA_BOOTSTRAP_SERVERS is set; "
                    + "tests need both (source .steward/infra.env after scripts/infra.sh start)");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15-alpine")
                    .withUsername("steward").withPassword("steward").withDatabaseName("postgres")
                    // Restores stage each service's data in a PREPAREd transaction (two-phase commit).
                    .withCommand("postgres", "-c", "fsync=off", "-c", "max_prepared_transactions=64");
            KafkaContainer kafkaContainer = new KafkaContainer("apache/kafka:3.9.1");
            postgres.start();
            kafkaContainer.start();
            return new TestInfrastructure(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                    kafkaContainer.getBootstrapServers(), "testcontainers");
        }
        throw new IllegalStateException("""
                No PostgreSQL and Kafka for the tests.
                Either run the suite with scripts/test.sh (starts real local PostgreSQL and Kafka, no Docker needed),
                or export STEWARD_PG_URL, STEWARD_PG_USER, STEWARD_PG_PASSWORD and KAFKA_BOOTSTRAP_SERVERS
                (e.g. `scripts/infra.sh start && . .steward/infra.env`), or provide a Docker engine for Testcontainers.""");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + adminJdbcUrl + " (" + origin + "): " + e.getMessage(), e);
        }
        return databaseUrl(name);
    }

    /**
     * Makes one database unreachable, as a crashed PostgreSQL is to the service using it: its
     * sessions are ended and new ones refused until {@code reachable} is true again.
     */
    public void setDatabaseReachable(String database, boolean reachable) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad database name " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + reachable);
            if (!reachable) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change database " + database + ": " + e.getMessage(), e);
        }
    }

    /** The database name of a JDBC URL made by {@link #databaseUrl}. */
    public static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }

    /** JDBC URL of another database on the same server. */
    public String databaseUrl(String database) {
        int slash = adminJdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminJdbcUrl.indexOf('?');
        return adminJdbcUrl.substring(0, slash + 1) + database + (query >= 0 ? adminJdbcUrl.substring(query) : "");
    }

    /** The shared broker and its principals' credentials. */
    public KafkaAccess kafka() {
        return kafka;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }
}
