package dev.snapshotmanager.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The idempotent-consumer record: a consumer marks an event processed in the SAME transaction as its effect.
 * A duplicate or redelivered event finds its mark and is skipped, so it changes nothing. Marks are kept for
 * {@code snapshot.outbox.processed-retention} ({@link ProcessedEventRetention}).
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    DataSource dataSource;

    /**
     * Records that {@code consumer} processed {@code eventId}.
     *
     * @return true the first time, false when the event was processed before (skip its effect)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection()) {
            return markProcessed(c, consumer, eventId);
        } catch (SQLException e) {
            throw new IllegalStateException("could not record processed event " + eventId, e);
        }
    }

    /** {@link #markProcessed(String, String)} on the caller's connection (and in its transaction). */
    static boolean markProcessed(Connection c, String consumer, String eventId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO processed_event (consumer, event_id) "
                + "VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        }
    }
}
