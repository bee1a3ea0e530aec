package dev.snapshotmanager.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The binary COPY decoder against the real PostgreSQL: for values of every column type the export uses, including
 * text with every character CSV cares about, its CSV must equal PostgreSQL's own CSV of the same rows (with CRLF
 * record ends and instants as fixed-width ISO-8601).
 */
@QuarkusTest
class CsvFromBinaryCopyTest {

    private static final List<CopyType> TYPES = List.of(CopyType.TEXT, CopyType.INSTANT, CopyType.UUID, CopyType.BOOLEAN, CopyType.INT4,
            CopyType.INT8, CopyType.TEXT);

    /** One row per case; t: text, i: timestamptz, u: uuid, b: boolean, n: int4, l: int8, e: a last text column. */
    private static final String ROWS = "(VALUES"
            + " ('plain', timestamptz '2026-11-01 00:00:00+00', uuid '00000000-0000-0000-0000-0000000be7c4', true,"
            + "  0, 0::bigint, 'last'),"
            + " ('a, comma', timestamptz '2026-11-30 23:59:59.123456+00', uuid 'ffffffff-ffff-ffff-ffff-ffffffffffff',"
            + "  false, '-2147483648'::int, '-9223372036854775808'::bigint, ''),"
            + " ('say \"hi\"', timestamptz '1999-12-31 23:59:59.999999+00', NULL, NULL, 2147483647,"
            + "  '9223372036854775807'::bigint, NULL),"
            + " (E'two\\nlines\\r\\nand a CR\\r', timestamptz '1969-07-20 20:17:40.5+00', gen_random_uuid(), true, 42,"
            + "  1500::bigint, E'\\\\.'),"
            + " ('', timestamptz '2000-01-01 00:00:00+00', gen_random_uuid(), false, 7, 7::bigint, E'\\\\N'),"
            + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
            + " ('nön-ASCII ✓ 😀 \"q\",x', timestamptz '9999-12-31 23:59:59.999999+00', gen_random_uuid(), true, 1,"
            + "  1::bigint, ' spaced '),"
            + " ('infinite', timestamptz 'infinity', gen_random_uuid(), true, 1, 1::bigint, 'x'),"
            + " ('before', timestamptz '-infinity', gen_random_uuid(), true, 1, 1::bigint, 'y'))"
            + " AS r(t, i, u, b, n, l, e)";
    private static final String BINARY_COPY = "COPY (SELECT t, i, u, b, n, l, e FROM " + ROWS
            + ") TO STDOUT (FORMAT binary)";

    @Inject
    DataSource dataSource;

    @Test
    void writesWhatPostgresWritesAsCsvForEveryTypeAndAwkwardText() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the table of cases lives in this transaction only
            try {
                compareWithPostgresCsv(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static void compareWithPostgresCsv(Connection c) throws Exception {
        c.createStatement().execute("CREATE TEMP TABLE copy_cases ON COMMIT DROP AS SELECT * FROM " + ROWS);
        byte[] binary = copyOut(c, "COPY (SELECT t, i, u, b, n, l, e FROM copy_cases) TO STDOUT (FORMAT binary)");
        String postgres = new String(copyOut(c, "COPY (SELECT t, CASE WHEN isfinite(i) THEN"
                + " to_char(i AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') ELSE i::text END,"
                + " u, b::text, n, l, e"
                + " FROM copy_cases) TO STDOUT (FORMAT csv)"), StandardCharsets.UTF_8);

        String expected = crlfRecordEnds(postgres);
        assertThat(expected).contains("\"say \"\"hi\"\"\"").contains("\n\"\",2000-01-01T00:00:00.000000Z,")
                .contains("\"two\nlines\r\nand a CR\r\"")
                .contains("1969-07-20T20:17:40.500000Z").contains("2026-11-01T00:00:00.000000Z,")
                .contains(",infinity,").contains(",-infinity,").contains(",true,").contains("\n,,,,,,\r\n");
        assertThat(decode(binary, binary.length)).isEqualTo(expected);
    }

    @Test
    void givesTheSameCsvWhereverTheBytesAreCut() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            byte[] binary = copyOut(c, BINARY_COPY);
            String whole = decode(binary, binary.length);
            for (int chunk = 1; chunk < binary.length; chunk += chunk < 64 ? 1 : 37) {
                assertThat(decode(binary, chunk)).as("writes of %d bytes", chunk).isEqualTo(whole);
            }
        }
    }

    @Test
    void failsOnOutputThatIsCutShortOrIsNotBinaryCopy() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            byte[] binary = copyOut(c, BINARY_COPY);
            assertThatThrownBy(() -> decode(Arrays.copyOf(binary, binary.length - 2), binary.length))
                    .isInstanceOf(IOException.class).hasMessageContaining("cut short");
            assertThatThrownBy(() -> decode(Arrays.copyOf(binary, binary.length - 40), binary.length))
                    .isInstanceOf(IOException.class);
            byte[] csv = copyOut(c, "COPY (SELECT t, i, u, b, n, l, e FROM " + ROWS + ") TO STDOUT (FORMAT csv)");
            assertThatThrownBy(() -> decode(csv, csv.length)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not PostgreSQL binary COPY");
            byte[] fewer = copyOut(c, "COPY (SELECT t, i, u FROM " + ROWS + ") TO STDOUT (FORMAT binary)");
            assertThatThrownBy(() -> decode(fewer, fewer.length)).isInstanceOf(IOException.class)
                    .hasMessageContaining("3 fields, expected 7");
        }
    }

    private static byte[] copyOut(Connection c, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        return out.toByteArray();
    }

    private static String decode(byte[] binary, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CsvFromBinaryCopy csv = new CsvFromBinaryCopy(sink, TYPES);
        for (int i = 0; i < binary.length; i += chunk) {
            csv.write(binary, i, Math.min(chunk, binary.length - i));
        }
        csv.finish();
        return sink.toString(StandardCharsets.UTF_8);
    }

    /** PostgreSQL ends CSV records with LF; a LF outside quotes ends a record, so it becomes CRLF there only. */
    private static String crlfRecordEnds(String csv) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (char ch : csv.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\n' && !quoted) {
                out.append('\r');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
