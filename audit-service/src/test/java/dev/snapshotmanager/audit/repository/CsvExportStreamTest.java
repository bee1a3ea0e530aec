package dev.snapshotmanager.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvExportStreamTest {

    /** Columns 1 and 3 hold instants, as PostgreSQL writes a UTC timestamp in CSV. */
    private static final Set<Integer> INSTANTS = Set.of(1, 3);

    private static final String POSTGRES = ""
            + "a,2026-11-01 00:00:00,\"x, \"\"quoted\"\"\",2026-11-01 02:03:04.5\n"
            + "b,2026-11-30 23:59:59.123456,\"two\nlines, 2026-01-01 00:00:00\",\n"
            + "c,,plain,1999-12-31 23:59:59.000001\n"
            + "d,not a time,\"\",2026-11-01T00:00:00Z\n";

    private static final String EXPECTED = ""
            + "a,2026-11-01T00:00:00.000000Z,\"x, \"\"quoted\"\"\",2026-11-01T02:03:04.500000Z\r\n"
            + "b,2026-11-30T23:59:59.123456Z,\"two\nlines, 2026-01-01 00:00:00\",\r\n"
            + "c,,plain,1999-12-31T23:59:59.000001Z\r\n"
            + "d,not a time,\"\",2026-11-01T00:00:00Z\r\n";

    @Test
    void formatsInstantColumnsAndEndsRecordsWithCrlfLeavingQuotedValuesAlone() throws IOException {
        assertThat(filter(POSTGRES, POSTGRES.length())).isEqualTo(EXPECTED);
    }

    @Test
    void givesTheSameBytesWhereverTheWritesAreCut() throws IOException {
        for (int chunk = 1; chunk < POSTGRES.length(); chunk++) {
            assertThat(filter(POSTGRES, chunk)).as("writes of %d bytes", chunk).isEqualTo(EXPECTED);
        }
    }

    @Test
    void passesSingleByteWritesThrough() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CsvExportStream stream = new CsvExportStream(sink, INSTANTS);
        for (byte b : POSTGRES.getBytes(StandardCharsets.UTF_8)) {
            stream.write(b);
        }
        stream.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
    }

    private static String filter(String input, int chunk) throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CsvExportStream stream = new CsvExportStream(sink, INSTANTS);
        for (int i = 0; i < bytes.length; i += chunk) {
            stream.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        stream.flush();
        return sink.toString(StandardCharsets.UTF_8);
    }
}
