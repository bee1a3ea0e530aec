package dev.snapshotmanager.outbox;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes an event into the outbox table in the caller's transaction, so that the state change and its event
 * commit together or not at all. {@link OutboxRelay} publishes it afterwards (at least once).
 *
 * <p>The tables ({@code outbox_event}, {@code processed_event}) are created by {@code db/outbox} in the service's
 * own schema and addressed unqualified, so the service's connections must use that schema:
 * {@code quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema=<schema>}.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    DataSource dataSource;

    @Inject
    OutboxWakeUp wakeUp;

    /**
     * Appends an event with a random id.
     *
     * @param key     the Kafka key (what must stay ordered stays under one key)
     * @param subject the CloudEvents subject (what the event is about)
     * @param payload the event payload record; {@code null} writes a tombstone (compacted topics)
     * @return the event id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(EventType type, String key, String subject, Object payload) {
        return append(type, UUID.randomUUID(), key, subject, payload);
    }

    /** Appends an event with the given id (for events whose id is deterministic). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(EventType type, UUID id, String key, String subject, Object payload) {
        if (payload != null && !type.payloadClass().isInstance(payload)) {
            throw new IllegalArgumentException(type + " does not carry " + payload.getClass().getSimpleName());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_event "
                        + "(id, topic, message_key, event_type, subject, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, type.topic());
            insert.setString(3, key);
            insert.setString(4, type.type());
            insert.setString(5, subject);
            insert.setString(6, payload == null ? null : EventJson.toJson(payload));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + type + " to the outbox", e);
        }
        wakeUp.afterCommit();
        return id;
    }
}
