package dev.steward.common.backup;

import dev.steward.common.archive.ArchiveLimitException;
import dev.steward.common.archive.BoundedGzip;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * A service's own tables as one document, {@code {"service", "schemaVersion", "tables": {name: [rows]}}},
 * gzipped: taken in one repeatable-read snapshot, and restored with two-phase commit: the tables
 * are replaced in a transaction that is PREPAREd (it survives crashes and holds its locks) and
 * later committed or rolled back as jobs-service decides for every service at once.
 */
public final class DatabaseSnapshot {

    private final DataSource dataSource;
    private final JsonMapper json;
    private final Set<String> excluded;
    private final long maxExpandedBytes;

    public DatabaseSnapshot(DataSource dataSource, JsonMapper json, Set<String> excluded, long maxExpandedBytes) {
        this.maxExpandedBytes = maxExpandedBytes;
        this.dataSource = dataSource;
        this.json = json;
        this.excluded = excluded;
    }

    /** Why a part cannot be restored; the message is meant for the operator. */
    public static final class InvalidPartException extends Exception {
        public InvalidPartException(String message) {
            super(message);
        }
    }

    public String schemaVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return row.next() ? row.getString(1) : "0";
        }
    }

    public byte[] dump(String service) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                StringBuilder document = new StringBuilder("{\"service\":").append(quote(service)).append(",\"schemaVersion\":")
                        .append(quote(schemaVersion())).append(",\"tables\":{");
                boolean first = true;
                for (String table : tables(connection)) {
                    document.append(first ? "" : ",").append(quote(table)).append(":");
                    first = false;
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("SELECT COALESCE(json_agg(t), '[]'::json)::text FROM " + identifier(table) + " t")) {
                        rows.next();
                        document.append(rows.getString(1));
                    }
                }
                document.append("}}");
                return gzip(document.toString().getBytes(StandardCharsets.UTF_8));
            } finally {
                connection.rollback();
            }
        }
    }

    /** Checks a part before anything is touched: readable, this service's, this schema, these tables. */
    public JsonNode read(String service, byte[] gzipped) throws InvalidPartException, SQLException {
        JsonNode document;
        try {
            document = json.readValue(BoundedGzip.gunzip(gzipped, maxExpandedBytes), JsonNode.class);
        } catch (ArchiveLimitException e) {
            throw new InvalidPartException(service + ": the part " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidPartException(service + ": the part is not gzipped JSON");
        }
        if (document == null || !document.isObject() || document.get("tables") == null || !document.get("tables").isObject()) {
            throw new InvalidPartException(service + ": the part has no tables");
        }
        JsonNode owner = document.get("service");
        if (owner == null || !owner.isString() || !owner.getStringValue().equals(service)) {
            throw new InvalidPartException(service + ": the part belongs to " + owner);
        }
        JsonNode version = document.get("schemaVersion");
        String current = schemaVersion();
        if (version == null || !version.isString() || !version.getStringValue().equals(current)) {
            throw new InvalidPartException(service + ": the backup has schema version " + version + ", this service " + current
                    + "; restore it into the Steward version that made it");
        }
        Set<String> known;
        try (Connection connection = dataSource.getConnection()) {
            known = new HashSet<>(tables(connection));
        }
        for (Map.Entry<String, JsonNode> table : document.get("tables").entries()) {
            if (!known.contains(table.getKey()) || !table.getValue().isArray()) {
                throw new InvalidPartException(service + ": unknown table or rows " + table.getKey());
            }
        }
        return document;
    }

    /**
     * Replaces every table with the part's rows in one transaction and PREPAREs it as {@code gid}.
     * Nothing is visible until {@link #commit}; a failure rolls everything back.
     */
    public void prepare(String gid, JsonNode document) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<String> tables = tables(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(DatabaseSnapshot::identifier).toList()));
                }
                JsonNode rowsByTable = document.get("tables");
                for (String table : inDependencyOrder(connection, tables)) {
                    JsonNode rows = rowsByTable.get(table);
                    if (rows == null || rows.size() == 0) {
                        continue;
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + identifier(table)
                            + " SELECT * FROM json_populate_recordset(NULL::" + identifier(table) + ", ?::json)")) {
                        insert.setString(1, new String(json.writeValueAsBytes(rows), StandardCharsets.UTF_8));
                        insert.executeUpdate();
                    }
                }
                resetSequences(connection, tables);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PREPARE TRANSACTION '" + gid.replace("'", "") + "'");
                }
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    public boolean isPrepared(String gid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_prepared_xacts WHERE gid = ?")) {
            statement.setString(1, gid);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Commits or rolls back a prepared restore; false when there is none (already finished). */
    public boolean finish(String gid, boolean commit) throws SQLException {
        if (!isPrepared(gid)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute((commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") + gid.replace("'", "") + "'");
            return true;
        }
    }

    private List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
            while (rows.next()) {
                if (!excluded.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** Referenced tables before the tables that reference them, so foreign keys hold row by row. */
    private static List<String> inDependencyOrder(Connection connection, List<String> tables) throws SQLException {
        Map<String, Set<String>> references = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT child.relname, parent.relname FROM pg_constraint c
                JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
                WHERE c.contype = 'f'""")) {
            while (rows.next()) {
                references.computeIfAbsent(rows.getString(1), table -> new HashSet<>()).add(rows.getString(2));
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String table : tables) {
            visit(table, tables, references, ordered, new HashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(String table, List<String> tables, Map<String, Set<String>> references, Set<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !path.add(table)) {
            return;
        }
        for (String parent : references.getOrDefault(table, Set.of())) {
            if (tables.contains(parent) && !parent.equals(table)) {
                visit(parent, tables, references, ordered, path);
            }
        }
        ordered.add(table);
    }

    private static void resetSequences(Connection connection, List<String> tables) throws SQLException {
        Map<String, String> serials = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'""")) {
            while (rows.next()) {
                if (tables.contains(rows.getString(1))) {
                    serials.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        for (Map.Entry<String, String> serial : serials.entrySet()) {
            String table = identifier(serial.getKey());
            String column = identifier(serial.getValue());
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + serial.getKey() + "', '" + serial.getValue() + "'), "
                        + "COALESCE((SELECT max(" + column + ") FROM " + table + "), 1), (SELECT max(" + column + ") IS NOT NULL FROM " + table + "))");
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private String quote(String text) throws IOException {
        return new String(json.writeValueAsBytes(text), StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
