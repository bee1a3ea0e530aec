package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.outbox.ProcessedEventRetention;
import dev.snapshotmanager.run.service.RunTracker;
import dev.snapshotmanager.run.service.VolumeOutcomePruner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pruning keeps the tables that grow with every result bounded: a finished run's volume outcomes after
 * {@code snapshot.runs.outcome-retention} (default P3D), the consumers' processed-event marks after
 * {@code snapshot.outbox.processed-retention} (default P30D). The scheduled jobs are off in tests; the tests prune.
 */
@QuarkusTest
class PruningTest {

    private static final Duration OUTCOME_RETENTION = Duration.ofDays(3);

    @Inject
    Runs runs;

    @Inject
    RunTracker tracker;

    @Inject
    VolumeOutcomePruner pruner;

    @Inject
    ProcessedEventRetention processedEvents;

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void prunesTheOutcomesOfARunFinishedLongerAgoThanTheRetentionAndKeepsItsCounters() throws SQLException {
        UUID old = finishedRun(now().minus(OUTCOME_RETENTION).minus(Duration.ofHours(1)), "a", "b", "c");
        Map<String, Object> counters = counters(old);
        assertThat(counters).containsEntry("status", "PARTIAL").containsEntry("volumes_done", 3)
                .containsEntry("created", 2).containsEntry("failed", 1);

        double prunedBefore = outcomesPruned();

        long deleted = pruner.prune(now());

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(outcomeRows(old)).isZero();
        assertThat(volumeOutcomes(old)).isEqualTo("PRUNED");
        assertThat(counters(old)).isEqualTo(counters);
        assertThat(outcomesPruned() - prunedBefore).as("snapshot_run_outcomes_pruned_total").isEqualTo(deleted);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("snapshot_run_outcomes_pruned_total"));
    }

    @Test
    void keepsTheOutcomesOfARunningRunAndOfARecentlyFinishedRun() throws SQLException {
        Instant longAgo = now().minus(Duration.ofDays(10));
        clock.set(longAgo);
        UUID running = runs.request();
        tracker.planned(Fixtures.planned(running, 3, 3, 1));
        tracker.result(Fixtures.snapshotResult(running, "r1", VolumeAction.CREATED, longAgo));
        clock.reset();
        UUID recent = finishedRun(now().minus(OUTCOME_RETENTION).plus(Duration.ofHours(1)), "a", "b", "c");

        pruner.prune(now());

        assertThat(outcomeRows(running)).isEqualTo(1);
        assertThat(volumeOutcomes(running)).isEqualTo("KEPT");
        assertThat(outcomeRows(recent)).isEqualTo(3);
        assertThat(volumeOutcomes(recent)).isEqualTo("KEPT");
    }

    @Test
    void aLateCreateOutcomeOfAPrunedRunChangesNoCounterWhileARetentionResultIsStillCounted() throws SQLException {
        Instant finished = now().minus(OUTCOME_RETENTION).minus(Duration.ofHours(1));
        UUID old = finishedRun(finished, "a", "b", "c");
        pruner.prune(now());
        Map<String, Object> counters = counters(old);

        // a newer outcome of a counted volume (it would replace the FAILED of "c"), and one of a volume never seen
        tracker.result(Fixtures.snapshotResult(old, "c", VolumeAction.CREATED, finished.plusSeconds(60)));
        tracker.result(Fixtures.snapshotResult(old, "d", VolumeAction.FAILED, finished.plusSeconds(60)));

        assertThat(counters(old)).isEqualTo(counters);
        assertThat(outcomeRows(old)).isZero();
        tracker.result(Fixtures.result(old, "a", VolumeAction.DELETED));
        assertThat(counters(old)).containsEntry("deleted", 1).containsEntry("volumes_done", 3)
                .containsEntry("created", 2).containsEntry("failed", 1);
    }

    @Test
    void prunesInChunksAndIgnoresALateOutcomeOnceTheRunIsBeingPruned() throws SQLException {
        Instant finished = now().minus(OUTCOME_RETENTION).minus(Duration.ofHours(1));
        UUID old = finishedRun(finished, "a", "b", "c", "d", "e");
        Map<String, Object> counters = counters(old);
        Instant cutoff = now().minus(OUTCOME_RETENTION);

        while ("KEPT".equals(volumeOutcomes(old))) {
            assertThat(pruner.step(cutoff, 2).progressed()).isTrue();
        }
        assertThat(outcomeRows(old)).as("marked first, deleted in the steps after").isEqualTo(5);
        // "e" FAILED: while its outcome is still stored, a newer CREATED would have replaced it
        tracker.result(Fixtures.snapshotResult(old, "e", VolumeAction.CREATED, finished.plusSeconds(60)));
        assertThat(counters(old)).isEqualTo(counters);

        VolumeOutcomePruner.Step step;
        do {
            double prunedBefore = outcomesPruned();
            step = pruner.step(cutoff, 2);
            assertThat(step.thePruner()).isTrue();
            assertThat(step.deleted()).isLessThanOrEqualTo(2);
            assertThat(outcomesPruned() - prunedBefore).as("counted per committed chunk").isEqualTo(step.deleted());
        } while (step.progressed());
        assertThat(outcomeRows(old)).isZero();
        assertThat(volumeOutcomes(old)).isEqualTo("PRUNED");
        assertThat(counters(old)).isEqualTo(counters);
    }

    @Test
    void prunesNothingWhileAnotherReplicaPrunes() throws SQLException {
        UUID old = finishedRun(now().minus(OUTCOME_RETENTION).minus(Duration.ofHours(1)), "a");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.run_volume_outcome prune'))")) {
                lock.execute();
            }
            double prunedBefore = outcomesPruned();
            assertThat(pruner.step(now().minus(OUTCOME_RETENTION), 100).thePruner()).isFalse();
            assertThat(pruner.prune(now())).isZero();
            assertThat(volumeOutcomes(old)).isEqualTo("KEPT");
            assertThat(outcomesPruned()).isEqualTo(prunedBefore);
            other.commit();
        }
        pruner.prune(now());
        assertThat(volumeOutcomes(old)).isEqualTo("PRUNED");
    }

    @Test
    void aRedeliveredResultIsStillRecognisedAfterOldProcessedEventMarksArePruned() throws SQLException {
        UUID id = runs.request();
        tracker.planned(Fixtures.planned(id, 2, 2, 1));
        VolumeResultV1 deleted = Fixtures.result(id, "a", VolumeAction.DELETED);
        tracker.result(deleted);
        String oldEvent = UUID.randomUUID().toString();
        insertMark(oldEvent, Instant.now().minus(Duration.ofDays(31)));

        assertThat(processedEvents.prune()).isGreaterThanOrEqualTo(1);

        assertThat(marks(List.of(oldEvent, deleted.eventId()))).containsExactly(deleted.eventId());
        tracker.result(deleted);
        assertThat(counters(id)).containsEntry("deleted", 1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("snapshot_outbox_processed_pruned_total"));
    }

    /** {@code snapshot_run_outcomes_pruned_total} now. */
    private double outcomesPruned() {
        return registry.get("snapshot_run_outcomes_pruned_total").counter().count();
    }

    private Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A run of the given volumes that finished at {@code at}: each CREATED, but the last FAILED (PARTIAL); its id.
     */
    private UUID finishedRun(Instant at, String... volumes) throws SQLException {
        clock.set(at);
        UUID id = runs.request();
        tracker.planned(Fixtures.planned(id, volumes.length, volumes.length, 1));
        for (int i = 0; i < volumes.length; i++) {
            VolumeAction action = i == volumes.length - 1 && i > 0 ? VolumeAction.FAILED : VolumeAction.CREATED;
            tracker.result(Fixtures.snapshotResult(id, volumes[i], action, at));
        }
        clock.reset();
        assertThat(outcomeRows(id)).isEqualTo(volumes.length);
        assertThat(counters(id).get("status")).isIn("COMPLETED", "PARTIAL");
        return id;
    }

    /** Status and every counter of the run, as stored. */
    private Map<String, Object> counters(UUID run) throws SQLException {
        Map<String, Object> counters = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT status, volumes_done, created, deleted, failed, create_failed, skipped, quota_blocked, "
                        + "batches_completed, finished_at FROM run WHERE id = ?")) {
            select.setObject(1, run);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    counters.put(row.getMetaData().getColumnName(i), row.getObject(i));
                }
            }
        }
        return counters;
    }

    private int outcomeRows(UUID run) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT count(*) FROM run_volume_outcome WHERE run_id = ?")) {
            select.setObject(1, run);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private String volumeOutcomes(UUID run) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT volume_outcomes FROM run WHERE id = ?")) {
            select.setObject(1, run);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void insertMark(String eventId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, RunTracker.RESULTS_CONSUMER);
            insert.setString(2, eventId);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    /** Which of these event ids still have their mark. */
    private List<String> marks(List<String> eventIds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT event_id FROM processed_event WHERE event_id = ANY (?)")) {
            select.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                List<String> found = new java.util.ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }
}
