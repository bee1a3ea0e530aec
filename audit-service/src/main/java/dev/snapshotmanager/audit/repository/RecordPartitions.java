package dev.snapshotmanager.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

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

    @Inject
    DataSource dataSource;

    /** Makes sure each month has its partition; each DDL commits on its own (short lock on the parent). */
    public void ensure(Set<YearMonth> months) {
        for (YearMonth month : months) {
            if (known.contains(month)) {
                continue;
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT ensure_record_partition(?)")) {
                s.setObject(1, month.atDay(1));
                s.execute();
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
     * Drops the partitions of months entirely before {@code firstKept}, with their ids in {@code record_key}.
     *
     * @return the months dropped
     */
    public List<YearMonth> dropBefore(YearMonth firstKept) {
        List<YearMonth> dropped = new ArrayList<>();
        for (YearMonth month : existing()) {
            if (!month.isBefore(firstKept)) {
                continue;
            }
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement();
                        PreparedStatement keys = c.prepareStatement("DELETE FROM record_key WHERE occurred_at < ?")) {
                    s.execute("DROP TABLE " + tableOf(month));
                    LocalDate end = month.plusMonths(1).atDay(1);
                    keys.setObject(1, end.atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
                    keys.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                known.remove(month);
                dropped.add(month);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop the record partition of " + month, e);
            }
        }
        return dropped;
    }
}
