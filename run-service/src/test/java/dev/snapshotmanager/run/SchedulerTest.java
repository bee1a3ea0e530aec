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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
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

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    private final List<Fixtures.PolicySet> created = new ArrayList<>();

    /** Applies a new set and remembers it, so that it stops firing after the test (other tests tick other times). */
    Fixtures.PolicySet known(Fixtures.PolicySet set) {
        projection.apply(set.event());
        created.add(set);
        return set;
    }

    @AfterEach
    void disableCreatedSets() {
        clock.reset();
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

    /** Status -> count of the set's scheduled runs, plus {@code "slots"}: its distinct slots. */
    Map<String, Long> slotCounts(Fixtures.PolicySet set) throws Exception {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, count(*), count(DISTINCT slot) FROM run WHERE policy_set_id = ? GROUP BY status")) {
            ps.setObject(1, set.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(DISTINCT slot) FROM run WHERE policy_set_id = ?")) {
            ps.setObject(1, set.id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                counts.put("slots", rs.getLong(1));
            }
        }
        return counts;
    }

    @Test
    void aPerMinutePolicyAfterAWeeksOutageRecordsEverySlotOnceAndRunsTheNewestOnTime() throws Exception {
        Instant start = Instant.parse("2026-04-01T00:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().cron("* * * * *", "UTC").changedAt(start)
                .missed(MissedRunMode.SKIP));
        Instant now = start.plus(Duration.ofDays(7));
        SlotScheduler scheduler = schedulers.get();
        assertThat(scheduler.tick(now)).isEqualTo(1);
        scheduler.tick(now.plusSeconds(30));
        // 10,080 slots in (start, now], more than one transaction's 10,000: each exactly once, none dropped
        assertThat(slotCounts(set)).containsOnly(Map.entry("MISSED", 10_079L), Map.entry("REQUESTED", 1L),
                Map.entry("slots", 10_080L));
        List<ScheduledRun> requested = runsOf(set, "REQUESTED");
        assertThat(requested).extracting(ScheduledRun::slot).containsExactly(now);
        assertThat(requested.get(0).reason()).isNull();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT min(slot), max(slot), bool_and(status_reason LIKE 'MISSED_SLOT%') FROM run "
                        + "WHERE policy_set_id = ? AND status = 'MISSED'")) {
            ps.setObject(1, set.id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                        .isEqualTo(start.plus(Duration.ofMinutes(1)));
                assertThat(rs.getObject(2, java.time.OffsetDateTime.class).toInstant())
                        .isEqualTo(now.minus(Duration.ofMinutes(1)));
                assertThat(rs.getBoolean(3)).isTrue();
            }
        }
    }

    @Test
    void aRunOncePolicyWithMoreDueSlotsThanOneBatchCatchesUpItsNewestSlot() throws Exception {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().cron("* * 1-7 * *", "UTC").changedAt(start)
                .missed(MissedRunMode.RUN_ONCE));
        // the last slot (7th, 23:59) is 11 minutes old: late, so the catch-up; slots before the 7-day lookback
        // (00:01..00:10 on the 1st) are not recorded one by one
        schedulers.get().tick(Instant.parse("2026-03-08T00:10:00Z"));
        assertThat(slotCounts(set)).containsOnly(Map.entry("MISSED", 10_068L), Map.entry("REQUESTED", 1L),
                Map.entry("slots", 10_069L));
        List<ScheduledRun> catchUp = runsOf(set, "REQUESTED");
        assertThat(catchUp).extracting(ScheduledRun::slot).containsExactly(Instant.parse("2026-03-07T23:59:00Z"));
        assertThat(catchUp.get(0).reason()).startsWith("CATCH_UP").contains("10069 missed slot(s)");
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
    void aChangeDatedAheadOfThisServicesClockSchedulesFromNow() {
        Instant now = Instant.parse("2026-07-10T00:30:00Z");
        clock.set(now);
        // policy-service's clock runs three days ahead: the policy's first slot is still the next one from now
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(now.plus(Duration.ofDays(3))));
        schedulers.get().tick(Instant.parse("2026-07-10T01:00:05Z"));
        assertThat(runsOf(set)).extracting(ScheduledRun::slot, ScheduledRun::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-07-10T01:00:00Z"), "REQUESTED"));
        finishActiveRuns(set);
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
    void disablingAPolicyBeforeTheSchedulerHandledItsDueSlotsRecordsThemMissed() {
        Instant start = Instant.parse("2026-05-06T00:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start));
        // no tick between the policy's start and its disabling three hours later (the scheduler was down); the change
        // is applied a minute after it was made
        clock.set(start.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(1)));
        projection.apply(set.next().enabled(false).changedAt(start.plus(Duration.ofHours(3))).event());
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).extracting(ScheduledRun::slot).containsExactly(Instant.parse("2026-05-06T01:00:00Z"),
                Instant.parse("2026-05-06T02:00:00Z"), Instant.parse("2026-05-06T03:00:00Z"));
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("MISSED");
            assertThat(r.statusReason()).startsWith("MISSED_SLOT").contains("stopped firing");
        });
        schedulers.get().tick(start.plus(Duration.ofHours(5)));
        assertThat(runsOf(set)).hasSize(3);
    }

    @Test
    void aNewCronRecordsTheOldSchedulesUnhandledSlotsMissedAndThenFollowsTheNewOne() {
        Instant start = Instant.parse("2026-05-07T00:00:00Z");
        Fixtures.PolicySet set = known(Fixtures.policySet().changedAt(start));
        clock.set(Instant.parse("2026-05-07T02:11:00Z"));
        projection.apply(set.next().cron("30 * * * *", "UTC").changedAt(Instant.parse("2026-05-07T02:10:00Z"))
                .event());
        assertThat(runsOf(set)).extracting(ScheduledRun::slot, ScheduledRun::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-05-07T01:00:00Z"), "MISSED"),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-05-07T02:00:00Z"), "MISSED"));
        schedulers.get().tick(Instant.parse("2026-05-07T02:30:05Z"));
        List<ScheduledRun> runs = runsOf(set);
        assertThat(runs).hasSize(3);
        assertThat(runs.get(2).slot()).isEqualTo(Instant.parse("2026-05-07T02:30:00Z"));
        assertThat(runs.get(2).status()).isEqualTo("REQUESTED");
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
