package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.events.VolumeResultV1;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a batch of results in ONE statement: the rows arrive as one array per column ({@code unnest}), their event
 * ids are claimed in {@code record_key} ({@code ON CONFLICT DO NOTHING}), and only the claimed rows are inserted into
 * the partitioned {@code snapshot_record}. A duplicate or redelivered event therefore changes nothing.
 */
@ApplicationScoped
public class RecordWriter {

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
                Object[] values = new Object[events.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.value().apply(events.get(i));
                }
                Array array = connection.createArrayOf(column.arrayType(), values);
                insert.setArray(index++, array);
            }
            return insert.executeUpdate();
        }
    }

    private static String buildInsert() {
        String arrays = RecordColumns.ALL.stream().map(c -> "?::" + c.sqlArray()).collect(Collectors.joining(", "));
        String input = RecordColumns.ALL.stream().map(c -> "input." + c.name()).collect(Collectors.joining(", "));
        return "WITH input AS (SELECT * FROM unnest(" + arrays + ") AS input(" + RecordColumns.NAMES + ")), "
                + "claimed AS (INSERT INTO record_key (event_id, occurred_at) "
                + "SELECT event_id, occurred_at FROM input ON CONFLICT DO NOTHING RETURNING event_id) "
                + "INSERT INTO snapshot_record (" + RecordColumns.NAMES + ") "
                + "SELECT " + input + " FROM input JOIN claimed ON claimed.event_id = input.event_id";
    }
}
