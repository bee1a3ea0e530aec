package dev.snapshotmanager.outbox;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventType;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes pending outbox rows to Kafka, oldest first, with CloudEvents binary-mode headers, and marks them
 * published only after the broker acknowledged them. A failure leaves the rows pending (at-least-once): they go
 * out on a later pass, for example once the broker is back. Rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so several replicas can relay side by side.
 */
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String source;
    private final Duration sendTimeout;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String source, Duration sendTimeout) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.source = source;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Publishes up to {@code max} pending events in one database transaction.
     *
     * @return how many were published
     * @throws OutboxRelayException when the broker or the database failed; nothing is marked published then
     */
    public int publishBatch(int max) {
        List<Long> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("SELECT seq, id, topic, message_key, event_type, "
                        + "subject, payload, created_at FROM outbox_event WHERE published_at IS NULL "
                        + "ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    select.setInt(1, max);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            claimed.add(rows.getLong("seq"));
                            acks.add(producer.send(record(rows)));
                        }
                    }
                }
                if (claimed.isEmpty()) {
                    c.commit();
                    return 0;
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                markPublished(c, claimed);
                c.commit();
                return claimed.size();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                c.rollback();
                recordFailure(claimed, e);
                throw new OutboxRelayException("publishing " + claimed.size() + " outbox events failed", e);
            } catch (InterruptedException e) {
                c.rollback();
                Thread.currentThread().interrupt();
                throw new OutboxRelayException("interrupted while publishing outbox events", e);
            }
        } catch (SQLException e) {
            throw new OutboxRelayException("the outbox could not be read", e);
        }
    }

    /** Deletes events published before {@code cutoff}; they are on the broker now. */
    public int prunePublishedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < ?")) {
            delete.setObject(1, java.sql.Timestamp.from(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxRelayException("published outbox events could not be pruned", e);
        }
    }

    private ProducerRecord<String, byte[]> record(ResultSet row) throws SQLException {
        String payload = row.getString("payload");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"), row.getString("message_key"),
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
        EventType type = EventType.ofType(row.getString("event_type"))
                .orElseThrow(() -> new IllegalStateException("unknown event type in outbox"));
        Instant time = row.getTimestamp("created_at").toInstant();
        CloudEventHeaders.write(record.headers(), CloudEventAttributes.of(type, ((UUID) row.getObject("id")).toString(),
                source, row.getString("subject"), time));
        return record;
    }

    private static void markPublished(Connection c, List<Long> seqs) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE outbox_event SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY (?)")) {
            Array array = c.createArrayOf("bigint", seqs.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private void recordFailure(List<Long> seqs, Exception cause) {
        if (seqs.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE seq = ANY (?)")) {
            update.setString(1, String.valueOf(cause.getMessage()));
            update.setArray(2, c.createArrayOf("bigint", seqs.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("could not record the failed attempt on %d outbox events: %s", seqs.size(), e.getMessage());
        }
    }
}
