package dev.snapshotmanager.audit.repository;

import dev.snapshotmanager.audit.domain.AuditRecord;
import dev.snapshotmanager.audit.domain.PageCursor;
import dev.snapshotmanager.audit.domain.SortOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;

/** Reads records: keyset pages, capped counts, single records, and the streamed reads of exports. */
@ApplicationScoped
public class RecordReader {

    @Inject
    DataSource dataSource;

    /** Receives the rows of a streamed read one at a time. */
    @FunctionalInterface
    public interface RowSink {
        void accept(AuditRecord record) throws Exception;
    }

    /**
     * Up to {@code limit} records after the cursor, in the given order.
     *
     * @return up to limit + 1 records: the extra one only tells that there is a next page
     */
    public List<AuditRecord> page(SqlConditions conditions, SortOrder order, PageCursor after, int limit) {
        String sql = pageSql(conditions, order, after);
        List<AuditRecord> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = conditions.bind(c, s);
            s.setInt(next, limit + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(RecordRowMapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read records", e);
        }
        return records;
    }

    /**
     * The statement of {@link #page}: the conditions (to which the keyset position is added), the order, and a last
     * parameter for the row limit. Public for the benchmark, which prints its plans.
     */
    public static String pageSql(SqlConditions conditions, SortOrder order, PageCursor after) {
        if (after != null) {
            // The row comparison is what pages; the plain bound on occurred_at lets PostgreSQL prune partitions.
            conditions.add(order == SortOrder.DESC ? "(occurred_at, seq) < (?, ?)" : "(occurred_at, seq) > (?, ?)",
                    after.occurredAt(), after.seq());
            conditions.add(order == SortOrder.DESC ? "occurred_at <= ?" : "occurred_at >= ?", after.occurredAt());
        }
        return "SELECT " + RecordRowMapper.SELECT + " FROM snapshot_record" + conditions.where() + orderBy(order)
                + " LIMIT ?";
    }

    /** How many records match, counting at most {@code cap + 1} of them. */
    public long countUpTo(SqlConditions conditions, int cap) {
        String sql = "SELECT count(*) FROM (SELECT 1 FROM snapshot_record" + conditions.where() + " LIMIT ?) AS capped";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = conditions.bind(c, s);
            s.setLong(next, cap + 1L);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count records", e);
        }
    }

    /** The record with this event id, if it exists and matches the conditions (tenant scope). */
    public Optional<AuditRecord> find(String id, SqlConditions conditions) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement key = c.prepareStatement("SELECT occurred_at FROM record_key WHERE event_id = ?")) {
            key.setString(1, id);
            OffsetDateTime occurredAt;
            try (ResultSet rs = key.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                occurredAt = rs.getObject(1, OffsetDateTime.class);
            }
            conditions.add("occurred_at = ?", occurredAt.toInstant()).add("event_id = ?", id);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + RecordRowMapper.SELECT + " FROM snapshot_record" + conditions.where())) {
                conditions.bind(c, s);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(RecordRowMapper.map(rs)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read record " + id, e);
        }
    }

    /**
     * Streams every matching record through a server-side cursor ({@code fetchSize} rows per round trip), so memory
     * stays flat whatever the number of rows.
     */
    public long stream(SqlConditions conditions, SortOrder order, int fetchSize, RowSink sink) throws Exception {
        String sql = "SELECT " + RecordRowMapper.SELECT + " FROM snapshot_record" + conditions.where() + orderBy(order);
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(fetchSize);
                conditions.bind(c, s);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(RecordRowMapper.map(rs));
                        rows++;
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return rows;
    }

    /**
     * Writes every matching record as CSV rows (no header): one {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}
     * whose output {@link CsvFromBinaryCopy} turns into CSV as it arrives. No row objects on the Java side, and memory
     * stays flat whatever the number of rows.
     *
     * @return the number of rows written
     */
    public long copyCsv(SqlConditions conditions, SortOrder order, OutputStream out) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            BaseConnection pg = c.unwrap(BaseConnection.class);
            String sql = "COPY (SELECT " + RecordCsv.SELECT + " FROM snapshot_record"
                    + conditions.whereInline(pg.getStandardConformingStrings()) + orderBy(order)
                    + ") TO STDOUT (FORMAT binary)";
            CsvFromBinaryCopy csv = new CsvFromBinaryCopy(out, RecordCsv.TYPES);
            pg.getCopyAPI().copyOut(sql, csv);
            csv.finish();
            return csv.rows();
        }
    }

    static String orderBy(SortOrder order) {
        return order == SortOrder.DESC ? " ORDER BY occurred_at DESC, seq DESC" : " ORDER BY occurred_at, seq";
    }

}
