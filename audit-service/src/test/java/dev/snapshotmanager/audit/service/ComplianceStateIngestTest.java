package dev.snapshotmanager.audit.service;

import static dev.snapshotmanager.audit.fixtures.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.audit.fixtures.StoredAtOnce;
import dev.snapshotmanager.audit.repository.ComplianceStateFold;
import dev.snapshotmanager.audit.repository.RecordWriter;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The compliance state per (volume, policy) that the ingest folds from the records it stores and merges later
 * ({@link ComplianceFolding}; merged at once here).
 */
@QuarkusTest
class ComplianceStateIngestTest {

    private static final UUID SET = UUID.fromString("00000000-0000-0000-0000-0000000c5701");
    private static final Instant T1 = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant T2 = T1.plusSeconds(3600);
    private static final Instant T3 = T2.plusSeconds(3600);

    @Inject
    IngestService ingest;

    @Inject
    ComplianceFolding folding;

    @Inject
    RecordWriter writer;

    @Inject
    DataSource dataSource;

    record State(String projectId, Instant lastCreated, Instant lastAttempt, String lastAction) {
    }

    @Test
    void keepsTheNewestSnapshotAndTheLatestAttemptOfRealRunsAndNeverMovesBack() throws Exception {
        String volume = "vol-state-" + UUID.randomUUID();
        store(List.of(
                result(volume, VolumeAction.CREATED, T1, false),
                result(volume, VolumeAction.FAILED, T3, false),
                result(volume, VolumeAction.QUOTA_BLOCKED, T2, false),
                result(volume, VolumeAction.WOULD_CREATE, T3.plusSeconds(60), true),
                result(volume, VolumeAction.DELETED, T3.plusSeconds(120), false)));

        assertThat(state(volume)).isEqualTo(new State("p-state", T1, T3, "FAILED"));

        store(List.of(result(volume, VolumeAction.CREATED, T1.minusSeconds(86_400), false)));
        assertThat(state(volume)).as("an older result does not move the state back")
                .isEqualTo(new State("p-state", T1, T3, "FAILED"));

        Instant t4 = T3.plusSeconds(3600);
        store(List.of(result(volume, VolumeAction.CREATED, t4, false)));
        assertThat(state(volume)).isEqualTo(new State("p-state", t4, t4, "CREATED"));
    }

    @Test
    void twoBatchesStoredAtOnceOverTheSameVolumesInOppositeOrdersBothLand() throws Exception {
        // the consumer stores two batches at once; their folds touch the same rows, listed here in opposite orders
        List<String> volumes = IntStream.range(0, 1500).mapToObj(i -> "vol-both-" + UUID.randomUUID()).toList();
        List<VolumeResultV1> created = volumes.stream().map(v -> result(v, VolumeAction.CREATED, T1, false)).toList();
        List<VolumeResultV1> failed = new ArrayList<>(
                volumes.stream().map(v -> result(v, VolumeAction.FAILED, T2, false)).toList());
        Collections.reverse(failed);
        assertThat(StoredAtOnce.store(ingest, created, failed)).extracting(IngestResult::stored)
                .containsExactly(volumes.size(), volumes.size());
        for (String volume : List.of(volumes.get(0), volumes.get(700), volumes.get(1499))) {
            assertThat(state(volume)).isEqualTo(new State("p-state", T1, T2, "FAILED"));
        }
    }

    @Test
    void aResultStoredBeforeIsNotFoldedAgainWhenItComesBack() throws Exception {
        String volume = "vol-again-" + UUID.randomUUID();
        VolumeResultV1 created = result(volume, VolumeAction.CREATED, T1, false);
        store(List.of(created));
        // its id again (a worker that repeated the action after a crash: a later time), beside a new result
        VolumeResultV1 repeated = aResult().volume(volume, "data").project("p-state").policy(SET, "daily")
                .action(VolumeAction.FAILED).at(T3).eventId(created.eventId()).build();
        IngestResult result = store(List.of(repeated, result(volume, VolumeAction.QUOTA_BLOCKED, T2, false)));

        assertThat(result.stored()).isEqualTo(1);
        assertThat(state(volume)).isEqualTo(new State("p-state", T1, T2, "QUOTA_BLOCKED"));
    }

    @Test
    void keepsTheTimesOfTheRecordsToTheMicrosecond() throws Exception {
        String volume = "vol-micros-" + UUID.randomUUID();
        Instant created = T1.plusNanos(123_456_789); // stored as .123457, as PostgreSQL rounds the same text
        Instant failed = T2.plusNanos(999_999_500); // rounds up into the next second
        store(List.of(result(volume, VolumeAction.CREATED, created, false),
                result(volume, VolumeAction.FAILED, failed, false)));

        assertThat(state(volume)).isEqualTo(new State("p-state", T1.plusNanos(123_457_000), T2.plusSeconds(1), "FAILED"));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM snapshot_record r JOIN volume_policy_state s ON s.volume_id = r.volume_id"
                        + " WHERE r.volume_id = ? AND r.occurred_at IN (s.last_created_at, s.last_attempt_at)")) {
            s.setString(1, volume);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).as("the state's times are the records' times").isEqualTo(2);
            }
        }
    }

    @Test
    void aDryRunAloneLeavesNoState() throws Exception {
        String volume = "vol-dry-" + UUID.randomUUID();
        store(List.of(result(volume, VolumeAction.WOULD_CREATE, T1, true)));
        assertThat(state(volume)).isNull();
    }

    @Test
    void aRedeliveredBatchWhoseFoldWasLostFoldsItsStoredRecordsAgain() throws Exception {
        // stored, but the service stopped before the fold was merged: the batch's offsets were not committed
        String volume = "vol-lost-" + UUID.randomUUID();
        List<VolumeResultV1> batch = List.of(result(volume, VolumeAction.CREATED, T1, false),
                result(volume, VolumeAction.QUOTA_BLOCKED, T2, false));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            writer.copy(c, batch, new ComplianceStateFold());
            c.commit();
        }
        assertThat(state(volume)).isNull();

        IngestResult redelivered = store(batch);

        assertThat(redelivered.stored()).isZero();
        assertThat(redelivered.duplicates()).isEqualTo(2);
        assertThat(state(volume)).isEqualTo(new State("p-state", T1, T2, "QUOTA_BLOCKED"));
    }

    @Test
    void twoMergesAtOnceOverTheSameKeysTakeTheirLocksInKeyOrderAndBothLand() throws Exception {
        // two service instances merge at once. One merge holds the first of 50 keys when the other merges all 50: the
        // other must wait for that key before it locks any other, else the first merge, going on with the other 49,
        // waits for it in turn (a deadlock; a fold lists its keys in hash order)
        List<String> volumes = IntStream.range(0, 50).mapToObj(i -> "vol-merge-" + UUID.randomUUID()).sorted().toList();
        ComplianceStateFold all = fold(volumes, VolumeAction.FAILED, T2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            fold(volumes.subList(0, 1), VolumeAction.CREATED, T1).merge(first);
            int secondPid = backendPid(second);
            Future<?> merged = pool.submit(() -> {
                all.merge(second);
                second.commit();
                return null;
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitsForALock(secondPid));

            fold(volumes.subList(1, volumes.size()), VolumeAction.CREATED, T1).merge(first);
            first.commit();
            merged.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (String volume : List.of(volumes.get(0), volumes.get(25), volumes.get(49))) {
            assertThat(state(volume)).isEqualTo(new State("p-state", T1, T2, "FAILED"));
        }
    }

    private static ComplianceStateFold fold(List<String> volumes, VolumeAction action, Instant at) {
        ComplianceStateFold fold = new ComplianceStateFold();
        volumes.forEach(v -> fold.add(result(v, action, at, false)));
        return fold;
    }

    private static int backendPid(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private boolean waitsForALock(int pid) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, pid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** Stores through the ingest service and merges the fold at once. */
    private IngestResult store(List<VolumeResultV1> batch) throws Exception {
        IngestResult result = ingest.store(batch);
        folding.merge();
        return result;
    }

    private static VolumeResultV1 result(String volume, VolumeAction action, Instant at, boolean dryRun) {
        return aResult().volume(volume, "data").project("p-state").policy(SET, "daily").action(action).at(at)
                .dryRun(dryRun).eventId(UUID.randomUUID().toString()).build();
    }

    private State state(String volume) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT project_id, last_created_at, last_attempt_at, last_attempt_action FROM volume_policy_state"
                        + " WHERE volume_id = ? AND policy_set_id = ? AND policy_name = 'daily'")) {
            s.setString(1, volume);
            s.setObject(2, SET);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new State(r.getString(1), instant(r, 2), instant(r, 3), r.getString(4)) : null;
            }
        }
    }

    private static Instant instant(ResultSet r, int column) throws Exception {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
