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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Publishes pending outbox rows to Kafka, oldest first, with CloudEvents binary-mode headers, and marks them
 * published only after the broker acknowledged them. A failure leaves the rows pending (at-least-once): they go
 * out on a later pass, for example once the broker is back.
 *
 * <p>One relay at a time per outbox table: a pass first takes a transaction-level advisory lock, and a replica that
 * does not get it relays nothing this pass. Two replicas relaying side by side could otherwise publish two events
 * of one key out of order (one replica's batch failing and going out again after the other's), and a compacted
 * topic would then keep the older one.
 *
 * <p>A row the broker can never take (larger than it accepts, an unknown event type) is parked ({@code parked_at},
 * {@code last_error}, an ERROR log line) instead of failing its batch again on every pass, which stopped every row
 * after it for good. Transient failures still leave the whole batch pending.
 */
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String source;
    private final Duration sendTimeout;
    private final AtomicLong parked = new AtomicLong();

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
                if (!SchemaLocks.tryForTransaction(c, "outbox_event relay")) {
                    c.commit();
                    return 0;
                }
                Map<Long, Future<RecordMetadata>> acks = new LinkedHashMap<>();
                Map<Long, String> poison = new LinkedHashMap<>();
                try (PreparedStatement select = c.prepareStatement("SELECT seq, id, topic, message_key, event_type, "
                        + "subject, payload, created_at FROM outbox_event WHERE published_at IS NULL "
                        + "AND parked_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE")) {
                    select.setInt(1, max);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long seq = rows.getLong("seq");
                            claimed.add(seq);
                            try {
                                acks.put(seq, producer.send(record(rows)));
                            } catch (UnknownEventTypeException | RecordTooLargeException
                                    | SerializationException e) {
                                poison.put(seq, e.toString());
                            }
                        }
                    }
                }
                if (claimed.isEmpty()) {
                    c.commit();
                    return 0;
                }
                producer.flush();
                List<Long> sent = new ArrayList<>();
                for (Map.Entry<Long, Future<RecordMetadata>> ack : acks.entrySet()) {
                    try {
                        ack.getValue().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                        sent.add(ack.getKey());
                    } catch (ExecutionException e) {
                        if (!isPermanent(e.getCause())) {
                            throw e;
                        }
                        poison.put(ack.getKey(), e.getCause().toString());
                    }
                }
                markPublished(c, sent);
                park(c, poison);
                c.commit();
                parked.addAndGet(poison.size());
                return sent.size();
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

    /** How many rows this relay parked since it was made. */
    public long parked() {
        return parked.get();
    }

    /** A failure that a later attempt cannot cure: the broker will never take this record. */
    private static boolean isPermanent(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidTopicException || cause instanceof SerializationException;
    }

    private static void park(Connection c, Map<Long, String> poison) throws SQLException {
        if (poison.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE outbox_event SET parked_at = now(), "
                + "attempts = attempts + 1, last_error = ? WHERE seq = ? RETURNING id, topic, event_type")) {
            for (Map.Entry<Long, String> row : poison.entrySet()) {
                update.setString(1, row.getValue());
                update.setLong(2, row.getKey());
                try (ResultSet r = update.executeQuery()) {
                    if (r.next()) {
                        LOG.errorf("outbox event %s (seq %d, %s to %s) can never be published and was parked: %s",
                                r.getObject(1), row.getKey(), r.getString(3), r.getString(2), row.getValue());
                    }
                }
            }
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
        String eventType = row.getString("event_type");
        EventType type = EventType.ofType(eventType).orElseThrow(() -> new UnknownEventTypeException(eventType));
        Instant time = row.getTimestamp("created_at").toInstant();
        CloudEventHeaders.write(record.headers(), CloudEventAttributes.of(type, ((UUID) row.getObject("id")).toString(),
                source, row.getString("subject"), time));
        return record;
    }

    private static void markPublished(Connection c, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE outbox_event SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY (?)")) {
            Array array = c.createArrayOf("bigint", seqs.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    /** An outbox row whose event type this version does not know. */
    private static final class UnknownEventTypeException extends RuntimeException {
        UnknownEventTypeException(String type) {
            super("unknown event type " + type);
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
