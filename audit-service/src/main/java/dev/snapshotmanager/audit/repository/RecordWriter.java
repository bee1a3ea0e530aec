package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeResultV1;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a batch of results in ONE statement: the rows arrive as one array per column ({@code unnest}, bound in
 * binary), their event ids are claimed in {@code record_key} ({@code ON CONFLICT DO NOTHING}), and only the claimed
 * rows are inserted into the partitioned {@code snapshot_record}. A duplicate or redelivered event therefore changes
 * nothing.
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
        String arrays = RecordColumns.ALL.stream().map(c -> "?::" + c.sqlArray()).collect(Collectors.joining(", "));
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
