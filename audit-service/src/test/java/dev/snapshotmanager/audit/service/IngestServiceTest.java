package dev.snapshotmanager.audit.service;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshotmanager.audit.fixtures.StoredAtOnce;
import dev.snapshotmanager.common.messaging.DatabaseRetry;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Storing batches: new batches take the bulk COPY; a batch holding events stored before (a redelivery) falls back to
 * the insert that skips them, also when another batch is storing the same events at the same moment.
 */
@QuarkusTest
class IngestServiceTest {

    @Inject
    IngestService ingest;

    @Inject
    DataSource dataSource;

    @Test
    void aRedeliveredBatchStoresOnlyWhatIsNew() throws Exception {
        UUID run = UUID.randomUUID();
        List<VolumeResultV1> first = results(run, 0, 3);
        assertThat(ingest.store(first).stored()).isEqualTo(3);

        List<VolumeResultV1> redelivered = new ArrayList<>(results(run, 3, 5));
        redelivered.addAll(first.subList(1, 3));
        IngestResult result = ingest.store(redelivered);

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(2);
        assertThat(result.rejected()).isEmpty();
        assertThat(rowsPerEvent(run)).hasSize(5).allSatisfy(rows -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void aResultNothingCanStoreIsRefusedAloneAndTheRestOfItsBatchIsStored() throws Exception {
        UUID run = UUID.randomUUID();
        // the consumer refuses such a time before storing; should one get through, it costs its batch nothing
        VolumeResultV1 impossible = aResult().run(run).volume("vol-impossible", "x").at("+1000000000-01-01T00:00:00Z")
                .build();
        List<VolumeResultV1> batch = List.of(aResult().run(run).volume("vol-a", "a").build(), impossible,
                aResult().run(run).volume("vol-b", "b").build());

        IngestResult result = ingest.store(batch);

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.rejected()).containsOnlyKeys(impossible);
        assertThat(rowsPerEvent(run)).containsExactly(1, 1);
    }

    @Test
    void aMonthWhosePartitionCannotBeCreatedYetFailsTheBatchForTheConsumerToRepeatAndRefusesNothing() throws Exception {
        // another replica holds the partition lock longer than audit.partitions.lock-timeout
        UUID run = UUID.randomUUID();
        List<VolumeResultV1> batch = List.of(aResult().run(run).volume("vol-e", "e").at("2003-07-01T12:00:00Z").build(),
                aResult().run(run).volume("vol-f", "f").at("2003-07-02T12:00:00Z").build());
        try (Connection other = dataSource.getConnection(); PreparedStatement lock = other.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext('audit.snapshot_record.partitions'))")) {
            other.setAutoCommit(false);
            lock.execute();

            assertThatThrownBy(() -> ingest.store(batch)).as("not refused row by row: nothing is dead-lettered")
                    .matches(DatabaseRetry::isDatabaseTrouble, "database trouble, which the consumer repeats");
            other.rollback();
        }

        assertThat(ingest.store(batch).stored()).as("repeated once the lock is free").isEqualTo(2);
        assertThat(rowsPerEvent(run)).containsExactly(1, 1);
    }

    @Test
    void aValueTooLargeForAnIndexIsRefusedAloneAndTheRestOfItsBatchIsStored() throws Exception {
        UUID run = UUID.randomUUID();
        // random text does not compress: a btree entry of 8 KB is beyond PostgreSQL's limit (SQLSTATE 54000)
        StringBuilder huge = new StringBuilder();
        java.util.Random random = new java.util.Random(54);
        while (huge.length() < 8_000) {
            huge.append(Long.toString(random.nextLong(), 36));
        }
        VolumeResultV1 tooLarge = aResult().run(run).volume("vol-" + huge, "x").build();
        List<VolumeResultV1> batch = List.of(aResult().run(run).volume("vol-c", "c").build(), tooLarge,
                aResult().run(run).volume("vol-d", "d").build());

        IngestResult result = ingest.store(batch);

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.rejected()).containsOnlyKeys(tooLarge);
        assertThat(rowsPerEvent(run)).containsExactly(1, 1);
    }

    @Test
    void twoBatchesOfTheSameEventsStoredAtOnceStoreEachEventOnce() throws Exception {
        UUID run = UUID.randomUUID();
        List<VolumeResultV1> events = results(run, 0, 1200);
        List<VolumeResultV1> overlapping = new ArrayList<>(events.subList(200, 1200));
        overlapping.addAll(results(run, 1200, 1500));
        Collections.reverse(overlapping);
        List<IngestResult> results = StoredAtOnce.store(ingest, events, overlapping);

        assertThat(results.get(0).stored() + results.get(1).stored()).isEqualTo(1500);
        assertThat(results.get(0).duplicates() + results.get(1).duplicates()).isEqualTo(1000);
        assertThat(rowsPerEvent(run)).hasSize(1500).allSatisfy(rows -> assertThat(rows).isEqualTo(1));
    }

    @Test
    void eachRowIsStoredInItsMonthsPartitionWhetherTheBatchSpansMonthsOrNot() throws Exception {
        UUID oneMonth = UUID.randomUUID();
        UUID twoMonths = UUID.randomUUID();
        List<VolumeResultV1> within = List.of(
                aResult().run(oneMonth).eventId(oneMonth + "-a").at("2025-03-01T00:00:00Z").build(),
                aResult().run(oneMonth).eventId(oneMonth + "-b").at("2025-03-31T23:59:59Z").build());
        List<VolumeResultV1> across = List.of(
                aResult().run(twoMonths).eventId(twoMonths + "-a").at("2025-03-31T23:59:59Z").build(),
                aResult().run(twoMonths).eventId(twoMonths + "-b").at("2025-04-01T00:00:00Z").build());

        assertThat(ingest.store(within).stored()).isEqualTo(2);
        assertThat(ingest.store(across).stored()).isEqualTo(2);

        assertThat(partitionPerEvent(oneMonth)).containsExactly(
                oneMonth + "-a snapshot_record_2025_03", oneMonth + "-b snapshot_record_2025_03");
        assertThat(partitionPerEvent(twoMonths)).containsExactly(
                twoMonths + "-a snapshot_record_2025_03", twoMonths + "-b snapshot_record_2025_04");
    }

    private static List<VolumeResultV1> results(UUID run, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> aResult().run(run).volume("vol-ingest-" + i, "data-" + i)
                .eventId(run + "-" + i).build()).toList();
    }

    /** "event-id partition" for each stored row of the run, by event id. */
    private List<String> partitionPerEvent(UUID run) throws Exception {
        return ofRun("SELECT event_id || ' ' || tableoid::regclass FROM snapshot_record WHERE run_id = ? "
                + "ORDER BY event_id", run);
    }

    /** The number of stored rows of each event of the run. */
    private List<Integer> rowsPerEvent(UUID run) throws Exception {
        return ofRun("SELECT count(*) FROM snapshot_record WHERE run_id = ? GROUP BY event_id", run).stream()
                .map(Integer::valueOf).toList();
    }

    /** The first column of each row {@code sql} (with the run id as its one parameter) returns. */
    private List<String> ofRun(String sql, UUID run) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, run);
            List<String> values = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }
}
