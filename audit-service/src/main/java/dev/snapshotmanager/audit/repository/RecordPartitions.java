package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.audit.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The monthly partitions of {@code snapshot_record}: created ahead (and on demand for a month an event needs), and
 * dropped whole beyond the retention. Remembers which months exist, so the ingest path asks the database only once
 * per month.
 */
@ApplicationScoped
public class RecordPartitions {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");
    private static final String PREFIX = "snapshot_record_";

    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    /** SQLSTATE of a lock not granted within lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Logger LOG = Logger.getLogger(RecordPartitions.class);

    @Inject
    DataSource dataSource;

    @Inject
    AuditConfig config;

    /**
     * Makes sure each month has its partition: created as a table and attached (SHARE UPDATE EXCLUSIVE on the parent,
     * which does not wait for readers or exports), each in its own transaction, the wait for locks bounded by
     * {@code audit.partitions.lock-timeout}.
     *
     * @throws IllegalStateException (an {@link SQLException} inside, so the ingest repeats the batch) when the
     *         partition could not be created, e.g. a lock was not granted in time
     */
    public void ensure(Set<YearMonth> months) {
        for (YearMonth month : months) {
            if (known.contains(month)) {
                continue;
            }
            try {
                Transactions.inOne(dataSource, c -> {
                    try (Statement timeout = c.createStatement();
                            PreparedStatement s = c.prepareStatement("SELECT ensure_record_partition(?)")) {
                        timeout.execute("SET LOCAL lock_timeout = " + lockTimeoutMillis());
                        s.setObject(1, month.atDay(1));
                        return s.execute();
                    }
                });
                known.add(month);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the record partition of " + month, e);
            }
        }
    }

    /** The month (UTC) whose partition holds a record of {@code occurredAt}. */
    public static YearMonth monthOf(Instant occurredAt) {
        return YearMonth.from(occurredAt.atOffset(ZoneOffset.UTC));
    }

    /** The name of the partition that holds {@code month}, as {@code ensure_record_partition} names it. */
    public static String tableOf(YearMonth month) {
        return PREFIX + month.format(SUFFIX);
    }

    /** The months that have a partition, oldest first. */
    public List<YearMonth> existing() {
        List<YearMonth> months = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT child.relname FROM pg_inherits "
                        + "JOIN pg_class parent ON parent.oid = pg_inherits.inhparent "
                        + "JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
                        + "JOIN pg_namespace n ON n.oid = parent.relnamespace "
                        + "WHERE parent.relname = 'snapshot_record' AND n.nspname = current_schema() "
                        + "ORDER BY child.relname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.startsWith(PREFIX)) {
                    months.add(YearMonth.parse(name.substring(PREFIX.length()), SUFFIX));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the record partitions", e);
        }
        return months;
    }

    /**
     * Drops the partitions of months entirely before {@code firstKept}, with their ids in {@code record_key}, without
     * holding a lock that readers, exports or the ingest wait for:
     * <ol>
     *   <li>{@code DETACH PARTITION ... CONCURRENTLY} (SHARE UPDATE EXCLUSIVE on the parent; it waits for the queries
     *       that were using the parent, e.g. a long export, without blocking new ones);</li>
     *   <li>the month's ids are deleted from {@code record_key} in batches of {@code audit.partitions.key-delete-batch},
     *       each in its own transaction (found through the detached table's own time index and joined on the id: no
     *       scan of {@code record_key}, which has no index on its time);</li>
     *   <li>{@code DROP TABLE} of the detached table (no lock on the parent).</li>
     * </ol>
     * A DDL step that does not get its lock within {@code audit.partitions.lock-timeout} gives up; the month is then
     * left where it got to (a detach still pending is finalized, a detached table's ids deleted and the table dropped)
     * at the next pass. The ids go after the detach, not before: so a month is never listed while its records can no
     * longer be found by id (until 2026-11-30 the ids went first, and a detach that gave up left the month listed,
     * with every record of it a 404, until the next pass).
     *
     * @return the months dropped
     */
    public List<YearMonth> dropBefore(YearMonth firstKept) {
        List<YearMonth> dropped = new ArrayList<>();
        for (Map.Entry<YearMonth, Attachment> table : tables().entrySet()) {
            YearMonth month = table.getKey();
            if (!month.isBefore(firstKept)) {
                continue;
            }
            String name = tableOf(month);
            try {
                if (table.getValue() == Attachment.ATTACHED) {
                    ddl("ALTER TABLE snapshot_record DETACH PARTITION " + name + " CONCURRENTLY");
                } else if (table.getValue() == Attachment.DETACH_PENDING) {
                    ddl("ALTER TABLE snapshot_record DETACH PARTITION " + name + " FINALIZE");
                }
                known.remove(month);
                deleteKeys(month);
                ddl("DROP TABLE " + name);
                dropped.add(month);
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new IllegalStateException("could not drop the record partition of " + month, e);
                }
                LOG.warnf("Record partition %s is in use (no lock within %s); dropping it at the next pass", name,
                        config.partitions().lockTimeout());
            }
        }
        return dropped;
    }

    /** Deletes the ids of the month's records from {@code record_key}, one batch per transaction. */
    private void deleteKeys(YearMonth month) throws SQLException {
        String sql = "WITH batch AS (SELECT occurred_at, seq, event_id FROM " + tableOf(month)
                + " WHERE (occurred_at, seq) > (?, ?) ORDER BY occurred_at, seq LIMIT ?),"
                + " gone AS (DELETE FROM record_key k USING batch b"
                + " WHERE k.event_id = b.event_id AND k.occurred_at = b.occurred_at)"
                + " SELECT occurred_at, seq FROM batch ORDER BY occurred_at DESC, seq DESC LIMIT 1";
        OffsetDateTime afterTime = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        long afterSeq = Long.MIN_VALUE;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            while (true) {
                s.setObject(1, afterTime);
                s.setLong(2, afterSeq);
                s.setInt(3, config.partitions().keyDeleteBatch());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    afterTime = rs.getObject(1, OffsetDateTime.class);
                    afterSeq = rs.getLong(2);
                }
            }
        }
    }

    /** One DDL statement on its own (autocommit: DETACH ... CONCURRENTLY runs in no transaction block). */
    private void ddl(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = " + lockTimeoutMillis());
            try {
                s.execute(sql);
            } finally {
                s.execute("RESET lock_timeout");
            }
        }
    }

    private long lockTimeoutMillis() {
        return Math.max(1, config.partitions().lockTimeout().toMillis());
    }

    /** Whether a month's table is a partition, one whose detach is pending, or a table detached already. */
    enum Attachment {
        ATTACHED, DETACH_PENDING, DETACHED
    }

    /** The months that have a table (attached or not), oldest first. */
    Map<YearMonth, Attachment> tables() {
        Map<YearMonth, Attachment> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT child.relname, i.inhdetachpending, i.inhrelid IS NOT NULL"
                        + " FROM pg_class child JOIN pg_namespace n ON n.oid = child.relnamespace"
                        + " LEFT JOIN pg_inherits i ON i.inhrelid = child.oid"
                        + " WHERE n.nspname = current_schema() AND child.relkind = 'r'"
                        + " AND child.relname ~ '^snapshot_record_[0-9]{4}_[0-9]{2}$'")) {
            while (rs.next()) {
                YearMonth month = YearMonth.parse(rs.getString(1).substring(PREFIX.length()), SUFFIX);
                tables.put(month, !rs.getBoolean(3) ? Attachment.DETACHED
                        : rs.getBoolean(2) ? Attachment.DETACH_PENDING : Attachment.ATTACHED);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the record partitions", e);
        }
        return tables;
    }
}
