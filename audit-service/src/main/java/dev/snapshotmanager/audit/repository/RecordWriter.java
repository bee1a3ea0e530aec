package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes a batch of results, two ways. {@link #copy} is the bulk path every new batch takes: PostgreSQL's binary COPY
 * of the event ids into {@code record_key} (whose primary key makes a stored id fail the COPY) and of the rows into
 * the partitioned {@code snapshot_record} (straight into the month's partition). {@link #insert} is the path of a
 * batch holding an event stored before: ONE statement whose rows arrive as one array per column ({@code unnest},
 * bound in binary), whose event ids are claimed in {@code record_key} ({@code ON CONFLICT DO NOTHING}), and which
 * inserts only the claimed rows. Either way the caller gets the fold of what the transaction stored
 * ({@link ComplianceStateFold}) to merge into the compliance state later, and a duplicate or redelivered event stores
 * nothing.
 */
@ApplicationScoped
public class RecordWriter {

    static final String INSERT = buildInsert();

    /** The attempts of real runs among the records of some event ids (found by their month through record_key). */
    private static final String STORED_ATTEMPTS = "SELECT r.volume_id, r.policy_set_id, r.policy_name, r.project_id,"
            + " r.occurred_at, r.action FROM record_key k JOIN snapshot_record r ON r.occurred_at = k.occurred_at"
            + " AND r.event_id = k.event_id WHERE k.event_id = ANY(?) AND NOT r.dry_run"
            + " AND r.action IN (" + ComplianceStateFold.ATTEMPTS.stream().map(a -> "'" + a.name() + "'")
                    .sorted().collect(Collectors.joining(", ")) + ")";

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Stores events none of which is stored yet with PostgreSQL's bulk path, on the caller's connection (the caller
     * owns the transaction): their ids are COPYed into {@code record_key}, in id order, then their rows into
     * {@code snapshot_record}, and folds them into {@code fold}. When an id is stored already, the COPY fails
     * with a unique violation (SQLSTATE 23505) and the caller rolls back and stores the batch with {@link #insert},
     * which skips the duplicates. Redeliveries are rare (a consumer that stopped before committing its offset), so
     * nearly every batch takes this path.
     *
     * @param events events with distinct event ids
     * @return how many were stored: all of them
     */
    public int copy(Connection connection, List<VolumeResultV1> events, ComplianceStateFold fold) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<VolumeResultV1> byId = new ArrayList<>(events);
        byId.sort(Comparator.comparing(VolumeResultV1::eventId));
        BinaryCopyData keys = new BinaryCopyData(events.size() * 64);
        byId.forEach(event -> RecordColumns.copyKey(keys, event));
        send(copy, RecordColumns.COPY_KEYS, keys);
        BinaryCopyData rows = new BinaryCopyData(events.size() * 512);
        events.forEach(event -> RecordColumns.copyRow(rows, event));
        send(copy, copyRowsStatement(events), rows);
        events.forEach(fold::add);
        return events.size();
    }

    /**
     * The COPY of a batch's rows: straight into the month's partition when the whole batch falls in one month (nearly
     * always), which spares PostgreSQL setting up tuple routing for every COPY (about a fifth of a 1,000-row COPY's
     * cost, see README); into the parent table otherwise. PostgreSQL still checks a row against the partition's bounds.
     */
    static String copyRowsStatement(List<VolumeResultV1> events) {
        YearMonth month = RecordPartitions.monthOf(events.get(0).occurredAt());
        for (VolumeResultV1 event : events) {
            if (!RecordPartitions.monthOf(event.occurredAt()).equals(month)) {
                return RecordColumns.COPY_ROWS;
            }
        }
        return RecordColumns.copyRowsInto(RecordPartitions.tableOf(month));
    }

    /** Whether {@link #copy} failed because one of its events is stored already: store the batch with {@link #insert}. */
    public static boolean foundStoredEvent(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private static void send(CopyManager copy, String sql, BinaryCopyData data) throws SQLException {
        data.end();
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(data.buffer(), 0, data.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * Inserts the events whose ids are not stored yet, on the caller's connection (the caller owns the transaction),
     * and folds into {@code fold} the new records and the stored records of the other events: a redelivered batch may
     * be one whose fold was lost (stored, but the service stopped before the fold was merged), and folding a stored
     * record again changes nothing. What is folded is always what is stored: an event that comes back with other data
     * under a stored id folds the stored record, not itself.
     *
     * @param events events with distinct event ids
     * @return how many were new
     */
    public int insert(Connection connection, List<VolumeResultV1> events, ComplianceStateFold fold)
            throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int index = 1;
            for (RecordColumns.Column column : RecordColumns.ALL) {
                insert.setObject(index++, column.values(events));
            }
            Set<String> storedIds = new HashSet<>();
            try (ResultSet stored = insert.executeQuery()) {
                while (stored.next()) {
                    storedIds.add(stored.getString(1));
                }
            }
            List<String> others = new ArrayList<>();
            for (VolumeResultV1 event : events) {
                if (storedIds.contains(event.eventId())) {
                    fold.add(event);
                } else {
                    others.add(event.eventId());
                }
            }
            foldStored(connection, others, fold);
            return storedIds.size();
        }
    }

    /** Folds the stored attempts among the records of the given event ids into {@code fold}. */
    private static void foldStored(Connection connection, List<String> eventIds, ComplianceStateFold fold)
            throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(STORED_ATTEMPTS)) {
            select.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    fold.add(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), VolumeAction.valueOf(rs.getString(6)));
                }
            }
        }
    }

    private static String buildInsert() {
        String arrays = RecordColumns.ALL.stream().map(c -> "?::" + c.type().sqlArray()).collect(Collectors.joining(", "));
        String input = RecordColumns.ALL.stream().map(c -> "input." + c.name()).collect(Collectors.joining(", "));
        return "WITH input AS (SELECT * FROM unnest(" + arrays + ") AS input(" + RecordColumns.NAMES + ")), "
                + "claimed AS (INSERT INTO record_key (event_id, occurred_at) "
                + "SELECT event_id, occurred_at FROM input ORDER BY event_id ON CONFLICT DO NOTHING RETURNING event_id) "
                + ", stored AS (INSERT INTO snapshot_record (" + RecordColumns.NAMES + ") "
                + "SELECT " + input + " FROM input JOIN claimed ON claimed.event_id = input.event_id "
                + "RETURNING event_id) "
                + "SELECT event_id FROM stored";
    }
}
