package dev.steward.common.idempotency;

import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** SQL for {@code idempotency_key}, always on the connection of the transaction the request runs in. */
final class IdempotencyStore {

    /** A key's first request: its fingerprint, and its answer once that committed (null before). */
    record Stored(String fingerprint, @Nullable Integer status, @Nullable String contentType, @Nullable byte[] body) {
    }

    private IdempotencyStore() {
    }

    /**
     * Claims {@code key} for this request, or returns the request that holds it. A concurrent request
     * with the same key waits here on the primary key until the first one's transaction ends.
     */
    static Optional<Stored> claim(Connection connection, String principal, String key, String fingerprint, Instant now,
                                  Instant expiredBefore) throws SQLException {
        try (PreparedStatement expired = connection.prepareStatement(
                "DELETE FROM idempotency_key WHERE principal = ? AND idempotency_key = ? AND created_at < ?")) {
            expired.setString(1, principal);
            expired.setString(2, key);
            expired.setTimestamp(3, Timestamp.from(expiredBefore));
            expired.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotency_key (principal, idempotency_key, fingerprint, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, principal);
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            insert.setTimestamp(4, Timestamp.from(now));
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, status, content_type, body FROM idempotency_key WHERE principal = ? AND idempotency_key = ?")) {
            select.setString(1, principal);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("idempotency key " + key + " vanished while claimed");
                }
                int status = row.getInt(2);
                return Optional.of(new Stored(row.getString(1), row.wasNull() ? null : status, row.getString(3), row.getBytes(4)));
            }
        }
    }

    static void complete(Connection connection, String principal, String key, int status, @Nullable String contentType, @Nullable byte[] body)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE idempotency_key SET status = ?, content_type = ?, body = ? WHERE principal = ? AND idempotency_key = ?")) {
            update.setInt(1, status);
            update.setString(2, contentType);
            update.setBytes(3, body);
            update.setString(4, principal);
            update.setString(5, key);
            update.executeUpdate();
        }
    }

    static void release(Connection connection, String principal, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotency_key WHERE principal = ? AND idempotency_key = ?")) {
            delete.setString(1, principal);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }

    static int purge(Connection connection, Instant expiredBefore) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM idempotency_key WHERE created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(expiredBefore));
            return delete.executeUpdate();
        }
    }
}
