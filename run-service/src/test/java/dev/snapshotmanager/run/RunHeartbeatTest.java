package dev.snapshotmanager.run;

import static dev.snapshotmanager.run.RunTrackingTest.awaitLifecycle;
import static dev.snapshotmanager.run.RunTrackingTest.awaitStatus;
import static dev.snapshotmanager.run.RunTrackingTest.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.WorkerPhase;
import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.service.RunTracker;
import dev.snapshotmanager.run.service.StaleRunSweeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Worker heartbeats (snapshot.run-heartbeats.v1) against the real broker: liveness, PLANNING, planning failures. */
@QuarkusTest
class RunHeartbeatTest {

    @Inject
    Runs runs;

    @Inject
    RunTracker tracker;

    @Inject
    StaleRunSweeper sweeper;

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    RunsConfig runsConfig;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static RunHeartbeatV1 beat(UUID runId, String worker, WorkerPhase phase, Instant sentAt) {
        return new RunHeartbeatV1(runId, worker, phase, phase == WorkerPhase.EXECUTING ? 2 : 0, null, sentAt);
    }

    static void send(RunHeartbeatV1 beat) {
        KafkaProbe.send(Topics.RUN_HEARTBEATS, beat.runId().toString(), beat);
    }

    static Instant lastHeartbeatAt(JsonPath run) {
        String at = run.getString("lastHeartbeat.at");
        return at == null ? null : Instant.parse(at);
    }

    /** A time the database keeps exactly (it stores microseconds). */
    static Instant millisNow() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void heartbeatsKeepARunningRunAliveAndItFailsAsWorkerLostOnceTheyStop() {
        UUID id = runs.request();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 3, 3, 1));
        awaitStatus(id, "RUNNING");
        Instant planned = millisNow();
        Instant beatAt = planned.plus(Duration.ofMinutes(20));
        clock.set(beatAt);
        send(beat(id, "worker-7", WorkerPhase.EXECUTING, beatAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> beatAt.equals(lastHeartbeatAt(run(id))));
        assertThat(run(id).getString("lastHeartbeat.workerId")).isEqualTo("worker-7");

        // 45 minutes without progress, but the heartbeat is only 25 minutes old: alive
        clock.set(planned.plus(Duration.ofMinutes(45)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("RUNNING");

        // 31 minutes after the last heartbeat: lost
        clock.set(beatAt.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("statusReason")).startsWith("WORKER_LOST").contains("worker-7")
                .contains(beatAt.toString());
        assertThat(awaitLifecycle(id, LifecycleEvent.FAILED).reason()).startsWith("WORKER_LOST");
    }

    @Test
    void aFirstHeartbeatStartsPlanningAndAPlanningRunWithoutHeartbeatsFailsAsWorkerLost() {
        UUID id = runs.request();
        Instant sent = millisNow();
        send(beat(id, "planner-1", WorkerPhase.PLANNING, sent));
        JsonPath planning = awaitStatus(id, "PLANNING");
        assertThat(planning.getString("lastHeartbeat.workerId")).isEqualTo("planner-1");
        assertThat(lastHeartbeatAt(planning)).isEqualTo(sent);
        RunLifecycleV1 announced = awaitLifecycle(id, LifecycleEvent.PROGRESS);
        assertThat(announced.status().name()).isEqualTo("PLANNING");

        clock.set(sent.plus(Duration.ofMinutes(29)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("PLANNING");
        clock.set(sent.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("FAILED");
        assertThat(awaitLifecycle(id, LifecycleEvent.FAILED).reason()).startsWith("WORKER_LOST");
    }

    @Test
    void aRequestedRunWaitingForAPlannerFailsOnlyAfterTheRequestTimeoutAndNotAsWorkerLost() {
        Instant requested = millisNow();
        UUID id = runs.request();
        // no worker has picked it up (it waits behind other plans): no heartbeat, but no worker is lost either
        clock.set(requested.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("REQUESTED");
        clock.set(requested.plus(Duration.ofMinutes(239)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("REQUESTED");

        clock.set(requested.plus(Duration.ofMinutes(241)));
        sweeper.sweep(clock.instant());
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("statusReason")).startsWith("REQUEST_TIMEOUT: no worker started planning the run")
                .contains("PT4H").doesNotContain("WORKER_LOST");
        assertThat(awaitLifecycle(id, LifecycleEvent.FAILED).reason()).startsWith("REQUEST_TIMEOUT");
    }

    @Test
    void lateDuplicateAndFutureHeartbeatsNeverMoveTheLastHeartbeatBackOrAhead() {
        UUID id = runs.request();
        Instant now = millisNow();
        clock.set(now);
        Instant newer = now.minusSeconds(10);
        tracker.heartbeat(beat(id, "worker-new", WorkerPhase.PLANNING, newer));
        tracker.heartbeat(beat(id, "worker-old", WorkerPhase.PLANNING, newer.minusSeconds(5)));
        tracker.heartbeat(beat(id, "worker-new", WorkerPhase.PLANNING, newer));
        JsonPath seen = run(id);
        assertThat(lastHeartbeatAt(seen)).isEqualTo(newer);
        assertThat(seen.getString("lastHeartbeat.workerId")).isEqualTo("worker-new");

        // a worker whose clock runs an hour ahead is taken at this service's time, not its own
        tracker.heartbeat(beat(id, "worker-skewed", WorkerPhase.PLANNING, now.plus(Duration.ofHours(1))));
        assertThat(lastHeartbeatAt(run(id))).isEqualTo(now);

        assertThatCode(() -> tracker.heartbeat(beat(UUID.randomUUID(), "w", WorkerPhase.EXECUTING, now)))
                .doesNotThrowAnyException();
    }

    @Test
    void planningFailedFinalizesTheRunFailedWithTheErrorOnce() throws Exception {
        UUID id = runs.request();
        RunHeartbeatV1 failure = new RunHeartbeatV1(id, "planner-2", WorkerPhase.PLANNING_FAILED, 0,
                "policy-service unreachable after 5 attempts", millisNow());
        send(failure);
        JsonPath failed = awaitStatus(id, "FAILED");
        assertThat(failed.getString("statusReason")).startsWith("PLANNING_FAILED").contains("planner-2");
        assertThat(failed.getString("errorSummary")).contains("policy-service unreachable after 5 attempts");
        assertThat(failed.getString("finishedAt")).isNotNull();
        RunLifecycleV1 event = awaitLifecycle(id, LifecycleEvent.FAILED);
        assertThat(event.reason()).startsWith("PLANNING_FAILED");

        tracker.heartbeat(failure);
        tracker.heartbeat(beat(id, "planner-2", WorkerPhase.PLANNING, millisNow()));
        assertThat(lifecycleEventsInOutbox(id, LifecycleEvent.FAILED)).isEqualTo(1);
        assertThat(run(id).getString("status")).isEqualTo("FAILED");
    }

    @Test
    void planningFailedForAPlannedRunLeavesItRunningUntilItsResultsComplete() {
        UUID id = runs.request();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 2, 2, 1));
        awaitStatus(id, "RUNNING");
        Instant sent = millisNow();
        send(new RunHeartbeatV1(id, "planner-slow", WorkerPhase.PLANNING_FAILED, 0, "send of run-planned failed",
                sent));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.equals(lastHeartbeatAt(run(id))));
        JsonPath running = run(id);
        assertThat(running.getString("status")).isEqualTo("RUNNING");
        assertThat(running.getString("finishedAt")).isNull();
        assertThat(running.getString("errorSummary")).contains("planner-slow").contains("send of run-planned failed");

        KafkaProbe.send(Topics.VOLUME_RESULTS, "v1", Fixtures.result(id, "v1", VolumeAction.CREATED));
        KafkaProbe.send(Topics.VOLUME_RESULTS, "v2", Fixtures.result(id, "v2", VolumeAction.CREATED));
        JsonPath completed = awaitStatus(id, "COMPLETED");
        assertThat(completed.getInt("counters.created")).isEqualTo(2);
        assertThat(awaitLifecycle(id, LifecycleEvent.COMPLETED).status().name()).isEqualTo("COMPLETED");
    }

    @Test
    void theSweepJudgesNoRunSilentWhileItsHeartbeatsOnTheTopicAreNotAppliedAndStillFailsADeadWorkersRun()
            throws Exception {
        Instant t0 = millisNow();
        clock.set(t0);
        UUID id = runs.request();
        tracker.planned(Fixtures.planned(id, 3, 3, 1));
        Instant now = t0.plus(Duration.ofMinutes(40));
        clock.set(now);
        // a second run, alive, whose row this test holds locked: the heartbeat consumer blocks on it (as it would on
        // a database that is away), so that the heartbeats behind it stay on the topic, unapplied
        UUID blocker = runs.request();
        tracker.heartbeat(beat(blocker, "worker-b", WorkerPhase.EXECUTING, now.minusSeconds(30)));
        Instant beatAt = now.minus(Duration.ofMinutes(1));
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("SELECT id FROM run WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, blocker);
                ps.executeQuery().close();
            }
            send(beat(blocker, "worker-b", WorkerPhase.EXECUTING, now));
            // the same key, so the same partition, behind the blocked one
            KafkaProbe.send(Topics.RUN_HEARTBEATS, blocker.toString(), beat(id, "worker-a", WorkerPhase.EXECUTING,
                    beatAt));

            // the run's last sign of life in the database is 40 minutes old, but its heartbeat is on the topic
            sweeper.sweep(now);
            JsonPath waiting = run(id);
            assertThat(waiting.getString("status")).isEqualTo("RUNNING");
            assertThat(waiting.getString("lastHeartbeat")).isNull();
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> beatAt.equals(lastHeartbeatAt(run(id))));
        sweeper.sweep(now);
        assertThat(run(id).getString("status")).isEqualTo("RUNNING");
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("snapshot_stale_sweeps_skipped_total");

        // no heartbeat for it on the topic any more: the worker is gone, the consumers are caught up, the run fails
        clock.set(beatAt.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("statusReason")).startsWith("WORKER_LOST").contains("worker-a");
    }

    @Test
    void aSweepWithNoRunToJudgeDoesNotAskKafkaAndIsNotCountedAsSkipped() throws Exception {
        Instant t0 = millisNow();
        clock.set(t0);
        UUID silent = runs.request();
        tracker.planned(Fixtures.planned(silent, 3, 3, 1));
        UUID blocker = runs.request();
        tracker.heartbeat(beat(blocker, "worker-b", WorkerPhase.EXECUTING, t0.minusSeconds(30)));
        Instant beatAt = t0;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("SELECT id FROM run WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, blocker);
                ps.executeQuery().close();
            }
            // the heartbeat consumer blocks on the locked row: a heartbeat stays on the topic, unapplied
            send(beat(blocker, "worker-b", WorkerPhase.EXECUTING, beatAt));

            // as of the earliest sign of life of any active run, none is silent: nothing to judge, Kafka not asked
            Instant quiet = earliestSignOfLifeOfAnActiveRun();
            double skipped = sweepsSkipped();
            long started = System.nanoTime();
            assertThat(sweeper.sweep(quiet)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for the consumers")
                    .isLessThan(runsConfig.staleCheckCatchUpWait());
            assertThat(sweepsSkipped()).as("snapshot_stale_sweeps_skipped_total").isEqualTo(skipped);

            // the same backlog with a run to judge: Kafka is asked, the consumers are behind, the sweep is skipped
            sweeper.sweep(t0.plus(Duration.ofMinutes(40)));
            assertThat(sweepsSkipped()).isEqualTo(skipped + 1);
            assertThat(run(silent).getString("status")).isEqualTo("RUNNING");
            lock.rollback();
        }
        // the next test starts with the consumers caught up
        await().atMost(Duration.ofSeconds(30)).until(() -> beatAt.equals(lastHeartbeatAt(run(blocker))));
    }

    @Test
    void aPoisonHeartbeatGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID id = runs.request();
        byte[] garbage = ("{\"runId\":\"" + id + "\",\"phase\":\"NAPPING\"}").getBytes(StandardCharsets.UTF_8);
        KafkaProbe.sendBytes(Topics.RUN_HEARTBEATS, id.toString(), garbage);
        Instant sent = millisNow();
        send(beat(id, "worker-9", WorkerPhase.PLANNING, sent));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.equals(lastHeartbeatAt(run(id))));
        KafkaProbe.await(Topics.deadLetter(Topics.RUN_HEARTBEATS),
                r -> r.value() != null && Arrays.equals(r.value(), garbage), Duration.ofSeconds(30));
    }

    /** {@code snapshot_stale_sweeps_skipped_total} now. */
    double sweepsSkipped() {
        return registry.get("snapshot_stale_sweeps_skipped_total").counter().count();
    }

    /** The oldest last sign of life (activity or heartbeat) of any active run, of this test or another. */
    Instant earliestSignOfLifeOfAnActiveRun() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT min(greatest(last_activity_at, last_heartbeat_at)) FROM run "
                        + "WHERE status IN ('REQUESTED','PLANNING','RUNNING')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    long lifecycleEventsInOutbox(UUID id, LifecycleEvent event) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE message_key = ? AND topic = ? AND payload LIKE ?")) {
            ps.setString(1, id.toString());
            ps.setString(2, Topics.RUN_LIFECYCLE);
            ps.setString(3, "%\"event\":\"" + event.name() + "\"%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
