package dev.snapshotmanager.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Transaction-level advisory locks named per schema, so that services sharing a database (each in its own schema)
 * never take each other's: one replica at a time does a job on this schema's tables.
 */
final class SchemaLocks {

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ?))";

    private SchemaLocks() {
    }

    /**
     * Takes the lock {@code name} of the connection's schema for its current transaction, without waiting.
     *
     * @return false when another transaction holds it
     */
    static boolean tryForTransaction(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(TRY_LOCK)) {
            lock.setString(1, "." + name);
            try (ResultSet r = lock.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
