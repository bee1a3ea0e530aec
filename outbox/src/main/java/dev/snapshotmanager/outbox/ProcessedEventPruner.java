package dev.snapshotmanager.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.IntConsumer;
import javax.sql.DataSource;

/**
 * Deletes {@code processed_event} rows older than a cutoff, in chunks of at most {@code chunk} rows, each in its own
 * short transaction, so that a pass over a large backlog never holds one huge transaction (nor its locks and WAL).
 *
 * <p>One pruner at a time per table: each chunk first takes a transaction-level advisory lock, and a replica that
 * does not get it ends its pass (another replica is pruning). The lock is not the relay's, so pruning never keeps
 * a relay from publishing.
 *
 * <p>A pruned mark no longer recognises its event: a redelivery of it would be applied again. The cutoff must
 * therefore be older than any event a consumer can still receive again (see the module README).
 */
public class ProcessedEventPruner {

    /** A TID scan of at most {@code chunk} rows found through the processed_at index. */
    private static final String DELETE_CHUNK = "DELETE FROM processed_event WHERE ctid = ANY (ARRAY("
            + "SELECT ctid FROM processed_event WHERE processed_at < ? LIMIT ?))";

    private final DataSource dataSource;

    public ProcessedEventPruner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Deletes the marks recorded before {@code cutoff}, chunk after chunk, until none is left or another replica
     * holds the prune lock.
     *
     * @param onChunk told how many rows each committed chunk deleted (a metric stays right when a later chunk fails)
     * @return how many were deleted
     * @throws OutboxRelayException when the database failed; the chunks committed before stay deleted
     */
    public long pruneBefore(Instant cutoff, int chunk, IntConsumer onChunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1: " + chunk);
        }
        long total = 0;
        int deleted;
        do {
            deleted = pruneChunk(cutoff, chunk);
            if (deleted > 0) {
                total += deleted;
                onChunk.accept(deleted);
            }
        } while (deleted == chunk);
        return total;
    }

    /**
     * Deletes at most {@code chunk} marks recorded before {@code cutoff} in one transaction.
     *
     * @return how many were deleted, -1 when another replica holds the prune lock
     */
    public int pruneChunk(Instant cutoff, int chunk) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!SchemaLocks.tryForTransaction(c, "processed_event prune")) {
                    c.commit();
                    return -1;
                }
                int deleted;
                try (PreparedStatement delete = c.prepareStatement(DELETE_CHUNK)) {
                    delete.setTimestamp(1, Timestamp.from(cutoff));
                    delete.setInt(2, chunk);
                    deleted = delete.executeUpdate();
                }
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new OutboxRelayException("processed events could not be pruned", e);
        }
    }
}
