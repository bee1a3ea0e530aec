package dev.snapshotmanager.audit.repository;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which table a batch's rows are COPYed into (that they are stored right is {@code IngestServiceTest}'s). */
class RecordWriterTest {

    @Test
    void aBatchWithinOneUtcMonthIsCopiedIntoThatMonthsPartition() {
        String copy = RecordWriter.copyRowsStatement(List.of(
                aResult().at("2026-11-01T00:00:00Z").build(),
                aResult().at("2026-11-30T23:59:59.999999Z").build()));

        assertThat(copy).startsWith("COPY snapshot_record_2026_11 (").isEqualTo(
                RecordColumns.copyRowsInto("snapshot_record_2026_11"));
    }

    @Test
    void aBatchSpanningTwoMonthsIsCopiedIntoTheParentTable() {
        String copy = RecordWriter.copyRowsStatement(List.of(
                aResult().at("2026-11-30T23:59:59Z").build(),
                aResult().at("2026-12-01T00:00:00Z").build()));

        assertThat(copy).isEqualTo(RecordColumns.COPY_ROWS).startsWith("COPY snapshot_record (");
    }
}
