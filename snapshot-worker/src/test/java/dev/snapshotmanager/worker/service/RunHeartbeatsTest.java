package dev.snapshotmanager.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.emulator.faults.FaultSettings;
import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.WorkerPhase;
import dev.snapshotmanager.worker.client.OpenStackSessions;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.PolicyDouble;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.TestCloud;
import dev.snapshotmanager.worker.support.Topic;
import dev.snapshotmanager.worker.support.TopicTail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats on the real broker: a run is reported while this instance plans it and while its tasks are in flight,
 * and no longer once its work here ends; a planning that fails for good is reported as PLANNING_FAILED.
 */
@QuarkusTest
class RunHeartbeatsTest {

    static final String P = "f0000000000000000000000000000001";
    static final List<String> VOLUMES = List.of("50000000-0000-4000-8000-000000000001",
            "50000000-0000-4000-8000-000000000002", "50000000-0000-4000-8000-000000000003");
    static final Retention KEEP_3 = new Retention(3, null);
    /** A volume name that makes every event describing the volume larger than the broker takes (1 MB). */
    static final String TOO_LARGE_FOR_THE_BROKER = "x".repeat(1_200_000);
    /** The test profile's {@code snapshot.worker.heartbeat-interval}. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    @Inject
    OpenStackSessions sessions;

    TopicTail<RunHeartbeatV1> heartbeats;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void cloud() {
        sessions.invalidateAll();
        PolicyDouble decisions = PolicyDouble.decisions();
        VOLUMES.forEach(id -> decisions.applies(id, Tasks.DAILY, KEEP_3));
        phi().load();
        decisions.install();
        heartbeats = TopicTail.follow(Topics.RUN_HEARTBEATS, RunHeartbeatV1.class);
    }

    /** Project phi with the three volumes the policy applies to. */
    private static Clouds phi() {
        Clouds cloud = Clouds.cloud().project(P, "phi");
        VOLUMES.forEach(id -> cloud.volume(id, "vol-" + id.substring(id.length() - 1), P, 1));
        return cloud;
    }

    @AfterEach
    void stopFollowing() throws InterruptedException {
        heartbeats.close();
    }

    private static RunRequestedV1 request() {
        Instant now = Instant.now();
        RunRequestedV1 request = new RunRequestedV1(UUID.randomUUID(), Tasks.DAILY, now, false, RunTrigger.MANUAL,
                null, "alice", "test", now);
        Topic.publish(Topics.RUN_REQUESTED, request.runId().toString(), request, CloudEventAttributes.of(
                EventType.RUN_REQUESTED, UUID.randomUUID().toString(), "/test", request.runId().toString(), now));
        return request;
    }

    private List<TopicTail.Seen<RunHeartbeatV1>> of(UUID runId) {
        return heartbeats.seen(r -> r.payload() != null && r.payload().runId().equals(runId));
    }

    @Test
    void reportsTheRunWhilePlanningAndExecutingAndStopsWhenItsWorkEnds() {
        // Every OpenStack call takes 250 ms and a snapshot needs 1 s to become available: seconds of quiet work.
        TestCloud.faults(new FaultSettings(null, Map.of("*", new FaultSettings.Latency(250, 0)), null,
                new FaultSettings.SnapshotFaults(1000, 0, 0, 0, 0)));
        RunRequestedV1 request = request();

        List<VolumeResultV1> results = Tasks.results(request.runId(), VOLUMES.size(), Duration.ofSeconds(60));
        assertThat(results).extracting(VolumeResultV1::action).containsOnly(VolumeAction.CREATED);

        // Once the run's work here has ended, the heartbeats stop: first a quiet second, then nothing more.
        await().atMost(Duration.ofSeconds(10)).until(() -> of(request.runId()).stream()
                .allMatch(s -> s.seenAt().isBefore(Instant.now().minusSeconds(1))));
        int settled = of(request.runId()).size();
        await().during(INTERVAL.multipliedBy(10)).atMost(INTERVAL.multipliedBy(15))
                .until(() -> of(request.runId()).size() == settled);

        List<RunHeartbeatV1> beats = of(request.runId()).stream().map(s -> s.read().payload())
                .sorted(Comparator.comparing(RunHeartbeatV1::sentAt)).toList();
        assertThat(beats).allSatisfy(b -> {
            assertThat(b.workerId()).isEqualTo("worker-under-test");
            assertThat(b.error()).isNull();
        });
        List<RunHeartbeatV1> planning = beats.stream().filter(b -> b.phase() == WorkerPhase.PLANNING).toList();
        List<RunHeartbeatV1> executing = beats.stream().filter(b -> b.phase() == WorkerPhase.EXECUTING).toList();
        assertThat(planning).hasSizeGreaterThanOrEqualTo(3).allSatisfy(b -> assertThat(b.batchesInFlight()).isZero());
        assertThat(executing).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(b -> assertThat(b.batchesInFlight()).isEqualTo(1));
        assertThat(planning.get(planning.size() - 1).sentAt()).isBeforeOrEqualTo(executing.get(0).sentAt());
        assertThat(beats).hasSize(planning.size() + executing.size());
        assertThat(of(request.runId())).allSatisfy(s -> {
            assertThat(s.read().key()).isEqualTo(request.runId().toString());
            assertThat(s.read().attributes().type()).isEqualTo(EventType.RUN_HEARTBEAT.type());
            assertThat(s.read().attributes().subject()).isEqualTo(request.runId().toString());
        });
    }

    @Test
    void reportsPlanningFailedWhenPolicyServiceStillFailsAfterTheRetries() {
        PolicyDouble.failWith(503);
        int before = PolicyDouble.stats().get("requests").asInt();
        RunRequestedV1 request = request();

        RunHeartbeatV1 failed = planningFailure(request.runId());

        assertThat(failed.error()).isEqualTo("policy-service answered HTTP 503 to the resolution request");
        assertThat(failed.workerId()).isEqualTo("worker-under-test");
        assertThat(PolicyDouble.stats().get("requests").asInt() - before).isEqualTo(1 + 3);
        assertNothingPlanned(request.runId());
    }

    @Test
    void reportsPlanningFailedWhenPolicyServiceIsUnreachable() {
        PolicyDouble.failWith(0);
        RunRequestedV1 request = request();

        RunHeartbeatV1 failed = planningFailure(request.runId());

        assertThat(failed.error()).startsWith("policy-service unreachable: ");
        assertNothingPlanned(request.runId());
    }

    @Test
    void reportsPlanningFailedWhenCinderStillFailsAfterTheRetriesWithoutSecretsOrStackTrace() {
        TestCloud.faults(new FaultSettings(null, null, Map.of("volumes.list",
                List.of(new FaultSettings.ErrorRule(503, 1.0, null))), null));
        RunRequestedV1 request = request();

        RunHeartbeatV1 failed = planningFailure(request.runId());

        assertThat(failed.error()).startsWith("OpenStack volumes.list failed (503)").endsWith("(after retries)")
                .doesNotContain("secret", "Exception", "\n", "\tat ");
        assertNothingPlanned(request.runId());
    }

    @Test
    void plansTheRunAndReportsNoPlanningFailureWhenItsInventoryCannotBePublished() {
        // The policy does not apply to this volume; only its inventory record is refused by the broker.
        String refused = "50000000-0000-4000-8000-0000000000f1";
        phi().volume(refused, TOO_LARGE_FOR_THE_BROKER, P, 1).load();
        double failedBefore = inventoryPublishFailures();
        RunRequestedV1 request = request();

        List<VolumeResultV1> results = Tasks.results(request.runId(), VOLUMES.size(), Duration.ofSeconds(60));
        awaitQuiet(request.runId());

        assertThat(of(request.runId())).extracting(s -> s.read().payload().phase())
                .contains(WorkerPhase.PLANNING).doesNotContain(WorkerPhase.PLANNING_FAILED);
        assertThat(results).extracting(VolumeResultV1::action).containsOnly(VolumeAction.CREATED);
        assertThat(Topic.read(Topics.RUN_PLANNED, RunPlannedV1.class, r -> r.payload().runId().equals(request.runId()),
                f -> !f.isEmpty(), Duration.ofSeconds(30))).singleElement()
                .satisfies(r -> assertThat(r.payload().toCreate()).isEqualTo(VOLUMES.size()));
        assertThat(inventoryPublishFailures()).isGreaterThan(failedBefore);
        assertThat(Topic.read(Topics.VOLUME_INVENTORY, VolumeInventoryV1.class, r -> refused.equals(r.key()),
                f -> false, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void reportsNoPlanningFailureWhenThePlanBreaksOffAfterItsTasksWentOut() {
        // The policy applies to this volume, which is in error: its SKIPPED result is refused by the broker after
        // the plan's tasks went out.
        String refused = "50000000-0000-4000-8000-0000000000f2";
        phi().volume(refused, TOO_LARGE_FOR_THE_BROKER, P, 1, "error", null).load();
        PolicyDouble decisions = PolicyDouble.decisions();
        VOLUMES.forEach(id -> decisions.applies(id, Tasks.DAILY, KEEP_3));
        decisions.applies(refused, Tasks.DAILY, KEEP_3).install();
        double retriesBefore = planPublishRetries();
        RunRequestedV1 request = request();

        List<VolumeResultV1> results = Tasks.results(request.runId(), VOLUMES.size(), Duration.ofSeconds(60));
        awaitQuiet(request.runId());

        // the tasks that went out ran (an EXECUTING heartbeat is not certain: a task started while the planning was
        // still reported and done within one heartbeat interval is reported as PLANNING only)
        assertThat(results).extracting(r -> r.volume().id() + ":" + r.action()).containsExactlyInAnyOrderElementsOf(
                VOLUMES.stream().map(id -> id + ":CREATED").toList());
        assertThat(of(request.runId())).extracting(s -> s.read().payload().phase())
                .contains(WorkerPhase.PLANNING).doesNotContain(WorkerPhase.PLANNING_FAILED);
        // The RunPlannedV1 comes last: without it run-service requests the run again once it goes stale.
        assertThat(Topic.read(Topics.RUN_PLANNED, RunPlannedV1.class, r -> r.payload().runId().equals(request.runId()),
                f -> !f.isEmpty(), Duration.ofSeconds(2))).isEmpty();
        // A record too large is refused for good: the plan is not published again.
        assertThat(planPublishRetries()).isEqualTo(retriesBefore);
    }

    private double planPublishRetries() {
        Counter counter = meters.find("snapshot.plan.publish.retries").counter();
        return counter == null ? 0 : counter.count();
    }

    private double inventoryPublishFailures() {
        Counter counter = meters.find("snapshot.inventory.publish.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits until nothing was reported for the run for two seconds (its work here has ended). */
    private void awaitQuiet(UUID runId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !of(runId).isEmpty() && of(runId).stream()
                .allMatch(s -> s.seenAt().isBefore(Instant.now().minusSeconds(2))));
    }

    /** The run's PLANNING_FAILED heartbeat, after which nothing more is reported for the run. */
    private RunHeartbeatV1 planningFailure(UUID runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> of(runId).stream()
                .anyMatch(s -> s.read().payload().phase() == WorkerPhase.PLANNING_FAILED));
        await().during(INTERVAL.multipliedBy(5)).atMost(INTERVAL.multipliedBy(10))
                .until(() -> of(runId).get(of(runId).size() - 1).read().payload().phase()
                        == WorkerPhase.PLANNING_FAILED);
        List<RunHeartbeatV1> beats = of(runId).stream().map(s -> s.read().payload()).toList();
        assertThat(beats).filteredOn(b -> b.phase() == WorkerPhase.PLANNING_FAILED).singleElement();
        assertThat(beats).filteredOn(b -> b.phase() == WorkerPhase.EXECUTING).isEmpty();
        RunHeartbeatV1 failed = beats.get(beats.size() - 1);
        assertThat(failed.batchesInFlight()).isZero();
        return failed;
    }

    private static void assertNothingPlanned(UUID runId) {
        assertThat(Topic.read(Topics.RUN_PLANNED, RunPlannedV1.class, r -> r.payload().runId().equals(runId),
                f -> !f.isEmpty(), Duration.ofSeconds(2))).isEmpty();
        assertThat(TestCloud.snapshots(null)).isEmpty();
    }
}
