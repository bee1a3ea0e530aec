package dev.snapshotmanager.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.MissedRunMode;
import dev.snapshotmanager.run.service.PolicyProjection;
import dev.snapshotmanager.run.service.RunTracker;
import dev.snapshotmanager.run.service.SlotScheduler;
import dev.snapshotmanager.testsupport.security.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SchedulerTest {

    static final String ADMIN = TestTokens.forRole("alice", "admin");

    @Inject
    Instance<SlotScheduler> schedulers;

    @Inject
    PolicyProjection projection;

    @Inject
    RunTracker tracker;

    private final List<Fixtures.PolicySet> created = new ArrayList<>();

    /** Applies a new set and remembers it, so that it stops firing after the test (other tests tick other times). */
    Fixtures.PolicySet known(Fixtures.PolicySet set) {
        projection.apply(set.event());
        created.add(set);
        return set;
    }

    @AfterEach
    void disableCreatedSets() {
        created.forEach(set -> projection.apply(set.next().enabled(false).event()));
        created.clear();
    }

    record ScheduledRun(String id, String status, Instant slot, String statusReason, String reason) {
    }

    static List<ScheduledRun> runsOf(Fixtures.PolicySet set) {
        return runsOf(set, null);
    }

    static List<ScheduledRun> runsOf(Fixtures.PolicySet set, String status) {
        var request = given().auth().oauth2(ADMIN).queryParam("policySetId", set.id.toString())
                .queryParam("trigger", "SCHEDULED").queryParam("limit", 500);
        if (status != null) {
            request = request.queryParam("status", status);
        }
        List<Map<String, Object>> items = request.when().get("/api/v1/runs").then().statusCode(200)
                .extract().jsonPath().getList("items");
        List<ScheduledRun> runs = new ArrayList<>();
        for (Map<String, Object> item : items) {
            runs.add(new ScheduledRun((String) item.get("id"), (String) item.get("status"),
                    Instant.parse((String) item.get("slot")), (String) item.get("statusReason"),
                    (String) item.get("reason")));
        }
        runs.sort((a, b) -> a.slot().compareTo(b.slot()));
        return runs;
    }

    /** The worker's answer "nothing to do": the run ends SKIPPED and the policy is free for its next slot. */
    void finishActiveRuns(Fixtures.PolicySet set) {
        runsOf(set, "REQUESTED").forEach(r -> tracker.planned(Fixtures.planned(UUID.fromString(r.id()), 0, 0, 0)));
    }

    @Test
    void firesADayOfHourlySlotsExactlyOnceEach() {
        Instant start = Instant.parse("2026-06-01T00:30:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start));
        SlotScheduler scheduler = schedulers.get();
        for (int hour = 1; hour <= 24; hour++) {
            Instant now = start.plus(Duration.ofMinutes(60L * hour - 29));
            scheduler.tick(now);
            scheduler.tick(now);
            finishActiveRuns(set);
            scheduler.tick(now.plus(Duration.ofMinutes(30)));
        }
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).hasSize(24).allMatch(r -> r.status().equals("SKIPPED"));
        assertThat(runs.get(0).slot()).isEqualTo(Instant.parse("2026-06-01T01:00:00Z"));
        assertThat(runs.get(23).slot()).isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1).slot(), runs.get(i).slot())).isEqualTo(Duration.ofHours(1));
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("snapshot_scheduler_lag_seconds_count")
                .contains("snapshot_runs_total{status=\"SKIPPED\",trigger=\"SCHEDULED\"}")
                .contains("snapshot_run_volumes_count");
    }

    @Test
    void followsTheSpringDstChangeInBerlin() {
        Instant start = Instant.parse("2026-03-28T22:30:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().cron("0 * * * *", "Europe/Berlin").changedAt(start));
        SlotScheduler scheduler = schedulers.get();
        for (Instant now = start; now.isBefore(Instant.parse("2026-03-29T21:50:00Z")); now = now.plus(Duration.ofMinutes(30))) {
            scheduler.tick(now);
            finishActiveRuns(set);
        }
        // the local day of 2026-03-29 has 23 hours; 02:00 local does not exist
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).hasSize(23).allMatch(r -> r.status().equals("SKIPPED"));
        assertThat(runs).extracting(ScheduledRun::slot).doesNotHaveDuplicates()
                .contains(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void aNonexistentLocalTimeRunsAtTheNextValidInstantAndARepeatedOneOnce() {
        Instant start = Instant.parse("2026-10-24T12:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().cron("30 2 * * *", "Europe/Berlin").changedAt(start));
        SlotScheduler scheduler = schedulers.get();
        for (Instant now = start; now.isBefore(Instant.parse("2026-10-25T06:00:00Z")); now = now.plus(Duration.ofMinutes(30))) {
            scheduler.tick(now);
            finishActiveRuns(set);
        }
        assertThat(runsOf(set)).extracting(ScheduledRun::slot).containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void missedSlotsAfterDowntimeAreRecordedAndSkipPoliciesDoNotCatchUp() {
        Instant start = Instant.parse("2026-05-01T00:30:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start).missed(MissedRunMode.SKIP));
        schedulers.get().tick(start.plus(Duration.ofMinutes(310)));
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).hasSize(5).allMatch(r -> r.status().equals("MISSED"));
        assertThat(runs).allMatch(r -> r.statusReason().startsWith("MISSED_SLOT"));
    }

    @Test
    void runOncePoliciesGetOneCatchUpRunForAllMissedSlots() {
        Instant start = Instant.parse("2026-05-02T00:30:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start).missed(MissedRunMode.RUN_ONCE));
        schedulers.get().tick(start.plus(Duration.ofMinutes(310)));
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).hasSize(5);
        assertThat(runs.subList(0, 4)).allMatch(r -> r.status().equals("MISSED"));
        assertThat(runs.get(4).status()).isEqualTo("REQUESTED");
        assertThat(runs.get(4).reason()).startsWith("CATCH_UP");
    }

    @Test
    void aSlotOlderThanTheLookbackIsStillRecordedAsMissed() {
        Instant start = Instant.parse("2026-07-31T12:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().cron("0 2 1 * *", "UTC").changedAt(start)
                .missed(MissedRunMode.SKIP));
        SlotScheduler scheduler = schedulers.get();
        scheduler.tick(Instant.parse("2026-08-10T02:00:00Z"));
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).extracting(ScheduledRun::slot).containsExactly(Instant.parse("2026-08-01T02:00:00Z"));
        assertThat(runs.get(0).status()).isEqualTo("MISSED");
        assertThat(runs.get(0).statusReason()).startsWith("MISSED_SLOT");
        scheduler.tick(Instant.parse("2026-08-20T02:00:00Z"));
        scheduler.tick(Instant.parse("2026-09-01T02:00:10Z"));
        assertThat(runsOf(set)).extracting(ScheduledRun::status).containsExactly("MISSED", "REQUESTED");
    }

    @Test
    void aRunOncePolicyGetsItsCatchUpRunForASlotOlderThanTheLookback() {
        Instant start = Instant.parse("2026-07-31T12:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().cron("0 2 1 * *", "UTC").changedAt(start)
                .missed(MissedRunMode.RUN_ONCE));
        schedulers.get().tick(Instant.parse("2026-08-10T02:00:00Z"));
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).extracting(ScheduledRun::slot).containsExactly(Instant.parse("2026-08-01T02:00:00Z"));
        assertThat(runs.get(0).status()).isEqualTo("REQUESTED");
        assertThat(runs.get(0).reason()).startsWith("CATCH_UP");
    }

    @Test
    void aSlotDueWhileThePreviousRunIsActiveIsMissed() {
        Instant start = Instant.parse("2026-05-03T00:30:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start));
        SlotScheduler scheduler = schedulers.get();
        scheduler.tick(Instant.parse("2026-05-03T01:00:10Z"));
        scheduler.tick(Instant.parse("2026-05-03T02:00:10Z"));
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).extracting(ScheduledRun::status).containsExactly("REQUESTED", "MISSED");
        assertThat(runs.get(1).statusReason()).startsWith("PREVIOUS_RUN_ACTIVE");
    }

    @Test
    void aDisabledPolicyStopsFiringAndReEnablingDoesNotBurst() {
        Instant start = Instant.parse("2026-05-04T00:30:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start));
        projection.apply(set.next().enabled(false).changedAt(start.plus(Duration.ofMinutes(10))).event());
        SlotScheduler scheduler = schedulers.get();
        scheduler.tick(start.plus(Duration.ofHours(5)));
        assertThat(runsOf(set)).isEmpty();
        Instant reEnabled = Instant.parse("2026-05-04T05:40:00Z");
        projection.apply(set.next().enabled(true).changedAt(reEnabled).event());
        scheduler.tick(reEnabled.plus(Duration.ofMinutes(1)));
        assertThat(runsOf(set)).isEmpty();
        scheduler.tick(Instant.parse("2026-05-04T06:00:05Z"));
        assertThat(runsOf(set)).extracting(ScheduledRun::slot).containsExactly(Instant.parse("2026-05-04T06:00:00Z"));
    }

    @Test
    void twoSchedulerInstancesNeverCreateTheSameSlotTwice() throws Exception {
        Instant start = Instant.parse("2026-05-05T00:30:00Z");
        List<Fixtures.PolicySet> sets = IntStream.range(0, 15).mapToObj(i -> {
            return known(Fixtures.policySet().changedAt(start)
                    .missed(i % 2 == 0 ? MissedRunMode.RUN_ONCE : MissedRunMode.SKIP));
        }).toList();
        SlotScheduler one = schedulers.get();
        SlotScheduler two = schedulers.get();
        assertThat(one).isNotSameAs(two);
        Instant[] ticks = {Instant.parse("2026-05-05T01:00:05Z"), Instant.parse("2026-05-05T04:00:05Z")};
        for (Instant now : ticks) {
            CyclicBarrier barrier = new CyclicBarrier(2);
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> race(barrier, one, now));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> race(barrier, two, now));
            assertThat(a.get() + b.get()).isEqualTo(sets.size());
            sets.forEach(this::finishActiveRuns);
        }
        for (Fixtures.PolicySet set : sets) {
            List<ScheduledRun> runs = runsOf(set);
            assertThat(runs).extracting(ScheduledRun::slot).doesNotHaveDuplicates()
                    .containsExactly(Instant.parse("2026-05-05T01:00:00Z"), Instant.parse("2026-05-05T02:00:00Z"),
                            Instant.parse("2026-05-05T03:00:00Z"), Instant.parse("2026-05-05T04:00:00Z"));
        }
    }

    private static int race(CyclicBarrier barrier, SlotScheduler scheduler, Instant now) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return scheduler.tick(now);
    }
}
