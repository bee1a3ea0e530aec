package dev.snapshotmanager.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The binary COPY writer against the real PostgreSQL: the rows it writes, of every type the records table has, are
 * read by PostgreSQL as the same values, and PostgreSQL writes them back byte for byte as they were written.
 */
@QuarkusTest
class BinaryCopyDataTest {

    private static final List<CopyType> TYPES = List.of(CopyType.TEXT, CopyType.INSTANT, CopyType.UUID,
            CopyType.BOOLEAN, CopyType.INT4, CopyType.INT8);

    private static final List<List<Object>> ROWS = List.of(
            List.of("plain", Instant.parse("2026-11-01T00:00:00Z"), UUID.fromString("00000000-0000-0000-0000-0000000be7c4"),
                    true, 0, 0L),
            List.of("a, comma \"quoted\"\ttab\nnext line\\", Instant.parse("2026-11-30T23:59:59.123456Z"),
                    UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"), false, Integer.MIN_VALUE, Long.MIN_VALUE),
            List.of("nön-ASCII ✓ 😀", Instant.parse("1969-07-20T20:17:40.500Z"), UUID.randomUUID(), true,
                    Integer.MAX_VALUE, Long.MAX_VALUE),
            List.of("", Instant.parse("1999-12-31T23:59:59.999999Z"), UUID.randomUUID(), false, 42, 1500L),
            Arrays.asList(null, null, null, null, null, null));

    @Inject
    DataSource dataSource;

    @Test
    void roundsNanosecondsToTheMicrosecondAsPostgresDoesWithText() throws Exception {
        List<Instant> instants = List.of(Instant.parse("2026-11-30T12:00:00.123456789Z"),
                Instant.parse("2026-11-30T12:00:00.123456123Z"), Instant.parse("1969-12-31T23:59:59.999999600Z"));
        BinaryCopyData data = new BinaryCopyData(64);
        for (Instant instant : instants) {
            data.row(2);
            data.value(CopyType.INSTANT, instant);
            data.value(CopyType.TEXT, instant.toString());
        }
        data.end();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE copy_instants (i timestamptz, t text) ON COMMIT DROP");
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copy_instants FROM STDIN (FORMAT binary)",
                        new ByteArrayInputStream(data.buffer(), 0, data.length()));
                try (ResultSet r = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE i = t::timestamptz),"
                        + " count(*) FILTER (WHERE i = '1970-01-01T00:00:00Z') FROM copy_instants")) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(3);
                    assertThat(r.getInt(2)).as("the same as PostgreSQL's reading of the text").isEqualTo(3);
                    assertThat(r.getInt(3)).as("rounded up into the next second").isEqualTo(1);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void postgresReadsTheSameValuesAndWritesThemBackByteForByte() throws Exception {
        BinaryCopyData data = new BinaryCopyData(16); // grows on every row
        for (List<Object> row : ROWS) {
            data.row(TYPES.size());
            for (int i = 0; i < TYPES.size(); i++) {
                data.value(TYPES.get(i), row.get(i));
            }
        }
        data.end();
        byte[] written = Arrays.copyOf(data.buffer(), data.length());

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE copy_in (n serial, t text, i timestamptz, u uuid, b boolean, i4 integer,"
                        + " i8 bigint) ON COMMIT DROP");
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                assertThat(copy.copyIn("COPY copy_in (t, i, u, b, i4, i8) FROM STDIN (FORMAT binary)",
                        new ByteArrayInputStream(written))).isEqualTo(ROWS.size());

                List<List<Object>> read = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT t, i, u, b, i4, i8 FROM copy_in ORDER BY n")) {
                    while (r.next()) {
                        OffsetDateTime at = r.getObject(2, OffsetDateTime.class);
                        read.add(Arrays.asList(r.getString(1), at == null ? null : at.toInstant(),
                                r.getObject(3, UUID.class), r.getObject(4, Boolean.class), r.getObject(5, Integer.class),
                                r.getObject(6, Long.class)));
                    }
                }
                assertThat(read).isEqualTo(ROWS);

                ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy.copyOut("COPY (SELECT t, i, u, b, i4, i8 FROM copy_in ORDER BY n) TO STDOUT (FORMAT binary)", out);
                assertThat(out.toByteArray()).isEqualTo(written);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
