package dev.snapshotmanager.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Transaction-level advisory locks named per schema, so that services sharing a database (each in its own schema)
 * never take each other's: one replica at a time does a job on this schema's tables. The relay and the
 * processed-event pruner take theirs here, and so do the services' own jobs (run-service's volume-outcome pruning),
 * so that every such lock is keyed one way: {@code hashtext(current_schema() || '.' || name)}.
 */
public final class SchemaLocks {

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ?))";

    private SchemaLocks() {
    }

    /**
     * Takes the lock {@code name} of the connection's schema for its current transaction, without waiting.
     *
     * @return false when another transaction holds it
     */
    public static boolean tryForTransaction(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(TRY_LOCK)) {
            lock.setString(1, "." + name);
            try (ResultSet r = lock.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
