package dev.snapshotmanager.run;

import static dev.snapshotmanager.run.RunTrackingTest.awaitStatus;
import static dev.snapshotmanager.run.RunTrackingTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.CloudEventHeaders;
import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.WorkerPhase;
import dev.snapshotmanager.run.config.RunsConfig.StaleAction;
import dev.snapshotmanager.run.service.RunTracker;
import dev.snapshotmanager.run.service.StaleRunPolicy;
import dev.snapshotmanager.run.service.StaleRunSweeper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stale runs with {@code snapshot.runs.stale-action} FAIL (the default) and REDRIVE. The action is switched per test
 * by replacing the {@link StaleRunPolicy} bean (QuarkusMock, undone after each test), so one test profile serves both.
 */
@QuarkusTest
class RunRedriveTest {

    @Inject
    Runs runs;

    @Inject
    RunTracker tracker;

    @Inject
    StaleRunSweeper sweeper;

    @Inject
    StaleRunPolicy configured;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static void use(StaleAction action, int maxRedrives) {
        QuarkusMock.installMockForType(new StaleRunPolicy() {
            @Override
            public Duration staleAfter() {
                return Duration.ofMinutes(30);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofHours(4);
            }

            @Override
            public StaleAction action() {
                return action;
            }

            @Override
            public int maxRedrives() {
                return maxRedrives;
            }
        }, StaleRunPolicy.class);
    }

    /** A run the worker started planning at {@code at} (one heartbeat), then went silent. */
    UUID planningRunSilentSince(Instant at) {
        UUID id = runs.request();
        clock.set(at);
        tracker.heartbeat(RunHeartbeatTest.beat(id, "planner-1", WorkerPhase.PLANNING, at));
        assertThat(run(id).getString("status")).isEqualTo("PLANNING");
        return id;
    }

    static List<ConsumerRecord<String, byte[]>> runRequests(UUID id, int count) {
        return KafkaProbe.awaitAll(Topics.RUN_REQUESTED, r -> id.toString().equals(r.key()), count,
                Duration.ofSeconds(30));
    }

    static List<RunLifecycleV1> lifecycle(UUID id, LifecycleEvent event, int count) {
        return KafkaProbe.awaitAll(Topics.RUN_LIFECYCLE, r -> id.toString().equals(r.key())
                && EventJson.fromJson(r.value(), RunLifecycleV1.class).event() == event, count, Duration.ofSeconds(30))
                .stream().map(r -> EventJson.fromJson(r.value(), RunLifecycleV1.class)).toList();
    }

    @Test
    void theConfiguredDefaultIsToFailStaleRuns() {
        assertThat(configured.action()).isEqualTo(StaleAction.FAIL);
        assertThat(configured.maxRedrives()).isEqualTo(1);
        assertThat(configured.staleAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(configured.requestTimeout()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void withFailAStalePlanningRunFailsAsWorkerLostWithoutBeingRequestedAgain() {
        use(StaleAction.FAIL, 1);
        Instant silent = RunHeartbeatTest.millisNow();
        UUID id = planningRunSilentSince(silent);
        clock.set(silent.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("statusReason")).startsWith("WORKER_LOST").doesNotContain("re-drive");
        assertThat(failed.getInt("attempt")).isEqualTo(1);
        assertThat(lifecycle(id, LifecycleEvent.FAILED, 1)).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("WORKER_LOST"));
        assertThat(lifecycle(id, LifecycleEvent.REQUESTED, 1)).hasSize(1);
    }

    @Test
    void withRedriveAStalePlanningRunIsRequestedAgainAndFailsAfterMaxRedrives() {
        use(StaleAction.REDRIVE, 1);
        Instant silent = RunHeartbeatTest.millisNow();
        UUID id = planningRunSilentSince(silent);

        Instant redriveAt = silent.plus(Duration.ofMinutes(31));
        clock.set(redriveAt);
        assertThat(sweeper.sweep(clock.instant())).isGreaterThanOrEqualTo(1);
        JsonPath redriven = run(id);
        assertThat(redriven.getString("status")).isEqualTo("REQUESTED");
        assertThat(redriven.getInt("attempt")).isEqualTo(2);
        assertThat(redriven.getString("statusReason")).startsWith("REDRIVEN: attempt 2 of 2")
                .contains("planner-1");

        List<ConsumerRecord<String, byte[]>> requests = runRequests(id, 2);
        RunRequestedV1 first = EventJson.fromJson(requests.get(0).value(), RunRequestedV1.class);
        RunRequestedV1 again = EventJson.fromJson(requests.get(1).value(), RunRequestedV1.class);
        assertThat(again).isEqualTo(first);
        assertThat(KafkaProbe.header(requests.get(1), CloudEventHeaders.ID))
                .isNotEqualTo(KafkaProbe.header(requests.get(0), CloudEventHeaders.ID));
        assertThat(lifecycle(id, LifecycleEvent.REQUESTED, 2).get(1).reason()).startsWith("REDRIVEN");

        // the re-driven attempt waits in the queue again: judged against the request timeout (4 h here), not
        // stale-after; once that passed without a planner it fails, it is not requested a third time
        clock.set(redriveAt.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("REQUESTED");
        clock.set(redriveAt.plus(Duration.ofMinutes(239)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("status")).isEqualTo("REQUESTED");
        clock.set(redriveAt.plus(Duration.ofMinutes(241)));
        sweeper.sweep(clock.instant());
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("statusReason")).startsWith("REQUEST_TIMEOUT").contains("after 1 re-drive(s)");
        assertThat(lifecycle(id, LifecycleEvent.FAILED, 1).get(0).reason()).startsWith("REQUEST_TIMEOUT");
        assertThat(KafkaProbe.count(Topics.RUN_REQUESTED, r -> id.toString().equals(r.key()))).isEqualTo(2);
    }

    @Test
    void aReDrivenRunGoesOnWhenTheWorkerPlansIt() {
        use(StaleAction.REDRIVE, 2);
        Instant silent = RunHeartbeatTest.millisNow();
        UUID id = planningRunSilentSince(silent);
        clock.set(silent.plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        assertThat(run(id).getString("statusReason")).startsWith("REDRIVEN: attempt 2 of 3");
        clock.reset();
        KafkaProbe.send(Topics.RUN_PLANNED, id.toString(), Fixtures.planned(id, 1, 1, 1));
        awaitStatus(id, "RUNNING");
        KafkaProbe.send(Topics.VOLUME_RESULTS, "v1", Fixtures.result(id, "v1",
                dev.snapshotmanager.events.VolumeAction.CREATED));
        JsonPath done = awaitStatus(id, "COMPLETED");
        assertThat(done.getInt("attempt")).isEqualTo(2);
        assertThat(done.getString("statusReason")).isNull();
    }

    @Test
    void withRedriveAStaleRunningRunIsNotRequestedAgainButFails() {
        use(StaleAction.REDRIVE, 1);
        UUID id = runs.request();
        tracker.planned(Fixtures.planned(id, 2, 2, 1));
        assertThat(run(id).getString("status")).isEqualTo("RUNNING");
        clock.set(Instant.now().plus(Duration.ofMinutes(31)));
        sweeper.sweep(clock.instant());
        JsonPath failed = run(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getInt("attempt")).isEqualTo(1);
        assertThat(failed.getString("statusReason")).startsWith("WORKER_LOST");
    }
}
