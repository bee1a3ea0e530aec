package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes a batch of results, two ways. {@link #copy} is the bulk path every new batch takes: PostgreSQL's binary COPY
 * of the event ids into {@code record_key} (whose primary key makes a stored id fail the COPY) and of the rows into
 * the partitioned {@code snapshot_record}. {@link #insert} is the path of a batch holding an event stored before: ONE
 * statement whose rows arrive as one array per column ({@code unnest}, bound in binary), whose event ids are claimed
 * in {@code record_key} ({@code ON CONFLICT DO NOTHING}), and which inserts only the claimed rows. Either way a
 * duplicate or redelivered event changes nothing.
 */
@ApplicationScoped
public class RecordWriter {

    /**
     * The compliance state of the stored rows, folded per (volume, policy) in the same statement: the newest CREATED
     * and the latest attempt (CREATED, FAILED, QUOTA_BLOCKED) of real runs; never moves back in time. Batches are stored
     * concurrently, so the claim and the fold take their row locks in key order: two batches touching the same keys
     * wait for each other instead of deadlocking.
     */
    private static final String TRACK = "INSERT INTO volume_policy_state AS s (volume_id, policy_set_id, policy_name,"
            + " project_id, last_created_at, last_attempt_at, last_attempt_action)"
            + " SELECT volume_id, policy_set_id, policy_name, (array_agg(project_id ORDER BY occurred_at DESC))[1],"
            + " max(occurred_at) FILTER (WHERE action = 'CREATED'), max(occurred_at),"
            + " (array_agg(action ORDER BY occurred_at DESC))[1] FROM stored"
            + " WHERE NOT dry_run AND policy_set_id IS NOT NULL AND policy_name IS NOT NULL"
            + " AND action IN ('CREATED', 'FAILED', 'QUOTA_BLOCKED')"
            + " GROUP BY volume_id, policy_set_id, policy_name ORDER BY volume_id, policy_set_id, policy_name"
            + " ON CONFLICT (volume_id, policy_set_id, policy_name) DO UPDATE SET"
            + " project_id = coalesce(EXCLUDED.project_id, s.project_id),"
            + " last_created_at = GREATEST(s.last_created_at, EXCLUDED.last_created_at),"
            + " last_attempt_action = CASE WHEN s.last_attempt_at IS NULL OR EXCLUDED.last_attempt_at >= s.last_attempt_at"
            + " THEN EXCLUDED.last_attempt_action ELSE s.last_attempt_action END,"
            + " last_attempt_at = GREATEST(s.last_attempt_at, EXCLUDED.last_attempt_at)";

    static final String INSERT = buildInsert();

    /** The columns the compliance fold reads, in the order {@link #TRACK_COPIED} binds them. */
    private static final List<RecordColumns.Column> TRACKED = Stream.of("volume_id", "policy_set_id", "policy_name",
            "project_id", "occurred_at", "action", "dry_run").map(RecordColumns::named).toList();

    /** The compliance fold of rows stored by {@link #copy}: the same fold, over the rows bound as arrays. */
    static final String TRACK_COPIED = "WITH stored AS (SELECT * FROM unnest("
            + TRACKED.stream().map(c -> "?::" + c.type().sqlArray()).collect(Collectors.joining(", "))
            + ") AS stored(" + TRACKED.stream().map(RecordColumns.Column::name).collect(Collectors.joining(", "))
            + ")) " + TRACK;

    private static final String COPY_KEYS = "COPY record_key (event_id, occurred_at) FROM STDIN (FORMAT binary)";
    private static final String COPY_ROWS = "COPY snapshot_record (" + RecordColumns.NAMES + ") FROM STDIN (FORMAT binary)";
    private static final Set<VolumeAction> ATTEMPTS = EnumSet.of(VolumeAction.CREATED, VolumeAction.FAILED,
            VolumeAction.QUOTA_BLOCKED);

    /**
     * Stores events none of which is stored yet with PostgreSQL's bulk path, on the caller's connection (the caller
     * owns the transaction): their ids are COPYed into {@code record_key}, in id order, then their rows into
     * {@code snapshot_record}, then the compliance fold runs over them. When an id is stored already, the COPY fails
     * with a unique violation (SQLSTATE 23505) and the caller rolls back and stores the batch with {@link #insert},
     * which skips the duplicates. Redeliveries are rare (a consumer that stopped before committing its offset), so
     * nearly every batch takes this path.
     *
     * @param events events with distinct event ids
     * @return how many were stored: all of them
     */
    public int copy(Connection connection, List<VolumeResultV1> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<VolumeResultV1> byId = new ArrayList<>(events);
        byId.sort(Comparator.comparing(VolumeResultV1::eventId));
        BinaryCopyData keys = new BinaryCopyData(events.size() * 64);
        for (VolumeResultV1 event : byId) {
            keys.row(2);
            keys.value(CopyType.TEXT, event.eventId());
            keys.value(CopyType.INSTANT, event.occurredAt());
        }
        send(copy, COPY_KEYS, keys);
        BinaryCopyData rows = new BinaryCopyData(events.size() * 512);
        for (VolumeResultV1 event : events) {
            rows.row(RecordColumns.ALL.size());
            for (RecordColumns.Column column : RecordColumns.ALL) {
                rows.value(column.type(), column.value().apply(event));
            }
        }
        send(copy, COPY_ROWS, rows);
        List<VolumeResultV1> attempts = events.stream().filter(RecordWriter::isTracked).toList();
        if (!attempts.isEmpty()) {
            try (PreparedStatement track = connection.prepareStatement(TRACK_COPIED)) {
                int index = 1;
                for (RecordColumns.Column column : TRACKED) {
                    track.setObject(index++, column.values(attempts));
                }
                track.executeUpdate();
            }
        }
        return events.size();
    }

    /** Whether the compliance fold reads this result (the fold's own WHERE says the same). */
    private static boolean isTracked(VolumeResultV1 event) {
        return !event.dryRun() && event.policy() != null && event.policy().policySetId() != null
                && event.policy().policyName() != null && ATTEMPTS.contains(event.action());
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
     * Inserts the events on the caller's connection (the caller owns the transaction).
     *
     * @param events events with distinct event ids
     * @return how many were new
     */
    public int insert(Connection connection, List<VolumeResultV1> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int index = 1;
            for (RecordColumns.Column column : RecordColumns.ALL) {
                insert.setObject(index++, column.values(events));
            }
            try (java.sql.ResultSet stored = insert.executeQuery()) {
                stored.next();
                return stored.getInt(1);
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
                + "RETURNING volume_id, policy_set_id, policy_name, project_id, occurred_at, action, dry_run), "
                + "tracked AS (" + TRACK + ") "
                + "SELECT count(*) FROM stored";
    }
}
