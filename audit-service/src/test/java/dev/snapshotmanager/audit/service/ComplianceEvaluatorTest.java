package dev.snapshotmanager.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.snapshotmanager.audit.domain.ComplianceEntry;
import dev.snapshotmanager.audit.domain.ComplianceStatus;
import dev.snapshotmanager.audit.repository.ComplianceReader.PolicyRow;
import dev.snapshotmanager.audit.repository.ComplianceReader.Resolution;
import dev.snapshotmanager.audit.repository.ComplianceReader.StateRow;
import dev.snapshotmanager.audit.repository.ComplianceReader.VolumeRow;
import dev.snapshotmanager.events.ExpectedPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each compliance status, judged at a fixed instant, for inferred and for resolved expected policies. */
class ComplianceEvaluatorTest {

    private static final Instant MID_NOVEMBER = Instant.parse("2026-11-15T12:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");
    private static final UUID DAILY_SET = UUID.randomUUID();
    private static final UUID MONTHLY_SET = UUID.randomUUID();

    private final PolicyRow daily = policy(DAILY_SET, "daily_5", "0 2 * * *", "GLOBAL", null, false, LONG_AGO);
    private final PolicyRow monthly = policy(MONTHLY_SET, "monthly_1st", "0 2 1 * *", "GLOBAL", null, false, LONG_AGO);

    @Test
    void judgesAMonthlyPolicyByItsMonthMidMonth() {
        // Snapshot of the 1st of November: two weeks old, but the policy runs monthly (October had 31 days).
        StateRow state = state(MONTHLY_SET, "monthly_1st", "2026-11-01T02:05:00Z", "CREATED");

        ComplianceEntry entry = only(evaluator(monthly).evaluate(volume(Map.of()), List.of(state)));

        assertThat(entry.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(entry.intervalSeconds()).isEqualTo(Duration.ofDays(31).toSeconds());
        assertThat(entry.source()).isEqualTo("RECORDS");
    }

    @Test
    void aMonthlyPolicyStaysCompliantToTheEndOfALongerMonth() {
        // December has 31 days, November 30: the snapshot of 1 December is due again only on 1 January.
        StateRow state = state(MONTHLY_SET, "monthly_1st", "2026-12-01T02:05:00Z", "CREATED");
        ComplianceEvaluator endOfDecember = new ComplianceEvaluator(List.of(monthly),
                Instant.parse("2026-12-31T12:00:00Z"), Duration.ofHours(1));
        ComplianceEvaluator januarySlotDue = new ComplianceEvaluator(List.of(monthly),
                Instant.parse("2027-01-01T03:30:00Z"), Duration.ofHours(1));

        assertThat(only(endOfDecember.evaluate(volume(Map.of()), List.of(state))).status())
                .isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(only(januarySlotDue.evaluate(volume(Map.of()), List.of(state))).status())
                .isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void aWeekdayPolicyStaysCompliantOverTheWeekend() {
        PolicyRow weekdays = policy(DAILY_SET, "weekdays", "0 2 * * 1-5", "GLOBAL", null, false, LONG_AGO);
        StateRow friday = state(DAILY_SET, "weekdays", "2026-11-20T02:05:00Z", "CREATED");

        for (String at : List.of("2026-11-21T12:00:00Z", "2026-11-22T23:00:00Z", "2026-11-23T02:30:00Z")) {
            assertThat(only(new ComplianceEvaluator(List.of(weekdays), Instant.parse(at), Duration.ofHours(1))
                    .evaluate(volume(Map.of()), List.of(friday))).status()).as(at)
                    .isEqualTo(ComplianceStatus.COMPLIANT);
        }
        assertThat(only(new ComplianceEvaluator(List.of(weekdays), Instant.parse("2026-11-23T03:30:00Z"),
                Duration.ofHours(1)).evaluate(volume(Map.of()), List.of(friday))).status())
                .isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void aSnapshotAtTheFirstOccurrenceOfARepeatedHourCoversTheDay() {
        // 2026-10-25, Europe/Berlin falls back: 02:30 fires once, at 02:30 CEST = 00:30Z (as run-service fires it),
        // not again at 02:30 CET = 01:30Z
        PolicyRow berlin = policy(DAILY_SET, "nightly", "30 2 * * *", "GLOBAL", null, false, LONG_AGO, "Europe/Berlin");
        StateRow created = state(DAILY_SET, "nightly", "2026-10-25T00:30:30Z", "CREATED");

        ComplianceEntry entry = only(new ComplianceEvaluator(List.of(berlin), Instant.parse("2026-10-25T06:00:00Z"),
                Duration.ofHours(1)).evaluate(volume(Map.of()), List.of(created)));

        assertThat(entry.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        // 02:30 CEST on the 24th to 02:30 CEST on the 25th; the day's extra hour comes after the slot
        assertThat(entry.intervalSeconds()).isEqualTo(Duration.ofHours(24).toSeconds());
        ComplianceEntry nextDay = only(new ComplianceEvaluator(List.of(berlin), Instant.parse("2026-10-26T06:00:00Z"),
                Duration.ofHours(1)).evaluate(volume(Map.of()), List.of(created)));
        assertThat(nextDay.status()).isEqualTo(ComplianceStatus.MISSING);
        assertThat(nextDay.intervalSeconds()).isEqualTo(Duration.ofHours(25).toSeconds());
    }

    @Test
    void aSnapshotAtTheEndOfTheSpringGapCoversASlotInTheGap() {
        // 2026-03-29, Europe/Berlin springs forward at 02:00 CET to 03:00 CEST (01:00Z): 02:30 fires at 01:00Z
        PolicyRow berlin = policy(DAILY_SET, "nightly", "30 2 * * *", "GLOBAL", null, false, LONG_AGO, "Europe/Berlin");
        StateRow created = state(DAILY_SET, "nightly", "2026-03-29T01:00:30Z", "CREATED");

        ComplianceEntry entry = only(new ComplianceEvaluator(List.of(berlin), Instant.parse("2026-03-29T06:00:00Z"),
                Duration.ofHours(1)).evaluate(volume(Map.of()), List.of(created)));

        assertThat(entry.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(entry.intervalSeconds()).isEqualTo(Duration.ofMinutes(23 * 60 + 30).toSeconds());
    }

    @Test
    void missesAMonthlyPolicyWhoseLastMonthWasSkipped() {
        StateRow state = state(MONTHLY_SET, "monthly_1st", "2026-10-01T02:05:00Z", "CREATED");

        assertThat(only(evaluator(monthly).evaluate(volume(Map.of()), List.of(state))).status())
                .isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void judgesADailyPolicyByTheDay() {
        StateRow fresh = state(DAILY_SET, "daily_5", "2026-11-15T02:03:00Z", "CREATED");
        StateRow stale = state(DAILY_SET, "daily_5", "2026-11-13T02:03:00Z", "CREATED");

        assertThat(only(evaluator(daily).evaluate(volume(Map.of()), List.of(fresh))).status())
                .isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(only(evaluator(daily).evaluate(volume(Map.of()), List.of(stale))).status())
                .isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void reportsQuotaBlockedWhenTheLatestAttemptWasBlocked() {
        StateRow blocked = new StateRow("vol-1", DAILY_SET, "daily_5", Instant.parse("2026-11-10T02:00:00Z"),
                Instant.parse("2026-11-15T02:00:00Z"), "QUOTA_BLOCKED");

        assertThat(only(evaluator(daily).evaluate(volume(Map.of()), List.of(blocked))).status())
                .isEqualTo(ComplianceStatus.QUOTA_BLOCKED);
    }

    @Test
    void isPendingUntilTheFirstSlotAfterTheVolumeGotThePolicy() {
        PolicyRow autoApplied = policy(DAILY_SET, "daily_5", "0 2 * * *", "GLOBAL", null, true, LONG_AGO);
        VolumeRow newVolume = new VolumeRow("vol-new", "new", "p-1", "P1", "Default", null, Map.of(),
                Instant.parse("2026-11-15T03:00:00Z"));
        VolumeRow oldVolume = new VolumeRow("vol-old", "old", "p-1", "P1", "Default", null, Map.of(), LONG_AGO);

        ComplianceEntry pending = only(evaluator(autoApplied).evaluate(newVolume, List.of()));
        ComplianceEntry missing = only(evaluator(autoApplied).evaluate(oldVolume, List.of()));

        assertThat(pending.status()).isEqualTo(ComplianceStatus.PENDING);
        assertThat(pending.source()).isEqualTo("AUTO_APPLY");
        assertThat(missing.status()).isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void reportsAVolumeThatOptedOutAsExcluded() {
        PolicyRow autoApplied = policy(DAILY_SET, "daily_5", "0 2 * * *", "GLOBAL", null, true, LONG_AGO);

        ComplianceEntry entry = only(evaluator(autoApplied).evaluate(volume(Map.of("auto_snapshot", "No")), List.of()));

        assertThat(entry.status()).isEqualTo(ComplianceStatus.EXCLUDED);
        assertThat(entry.policyName()).isNull();
    }

    @Test
    void reportsAVolumeWithoutAnyPolicyAsUncovered() {
        assertThat(only(evaluator(daily).evaluate(volume(Map.of()), List.of())).status())
                .isEqualTo(ComplianceStatus.UNCOVERED);
    }

    @Test
    void expectsThePoliciesTheMetadataNames() {
        List<ComplianceEntry> entries = evaluator(daily, monthly).evaluate(
                volume(Map.of("auto_snapshot", "true", "snapshot_policies", "daily_5; monthly_1st")), List.of());

        assertThat(entries).extracting(ComplianceEntry::policyName).containsExactlyInAnyOrder("daily_5", "monthly_1st");
        assertThat(entries).extracting(ComplianceEntry::source).containsOnly("METADATA");
    }

    @Test
    void prefersTheTenantsAutoApplySetOverTheGlobalOne() {
        UUID tenantSet = UUID.randomUUID();
        PolicyRow global = policy(DAILY_SET, "daily_5", "0 2 * * *", "GLOBAL", null, true, LONG_AGO);
        PolicyRow tenant = policy(tenantSet, "hourly", "0 * * * *", "TENANT", "p-1", true, LONG_AGO);

        ComplianceEntry entry = only(evaluator(global, tenant).evaluate(volume(Map.of()), List.of()));

        assertThat(entry.policySetId()).isEqualTo(tenantSet);
        assertThat(entry.intervalSeconds()).isEqualTo(3600);
    }

    @Test
    void reportsAVolumeExcludedAfterItHadSnapshotsAsExcludedWithTheReason() {
        Instant until = Instant.parse("2026-12-01T00:00:00Z");
        Resolution exclusion = new Resolution("EXCLUSION", "decommissioning OPS-7", until, List.of(), MID_NOVEMBER);
        StateRow old = state(DAILY_SET, "daily_5", "2026-11-01T02:03:00Z", "CREATED");

        ComplianceEntry entry = only(evaluator(daily).evaluate(resolved(LONG_AGO, exclusion), List.of(old)));

        assertThat(entry.status()).isEqualTo(ComplianceStatus.EXCLUDED);
        assertThat(entry.source()).isEqualTo("EXCLUSION");
        assertThat(entry.reason()).isEqualTo("decommissioning OPS-7");
        assertThat(entry.excludedUntil()).isEqualTo(until);
        assertThat(entry.resolvedAt()).isEqualTo(MID_NOVEMBER);
        assertThat(entry.policyName()).isNull();
    }

    @Test
    void isPendingUntilTheFirstSlotAfterTheResolutionsSinceThenMissing() {
        // Assigned by a rule at 03:00, after the day's 02:00 slot; the next slot is tomorrow 02:00.
        Resolution rule = new Resolution("RULE", "rule databases", null,
                List.of(expected(DAILY_SET, "daily_5", "0 2 * * *", "2026-11-15T03:00:00Z")), MID_NOVEMBER);

        ComplianceEntry sameDay = only(new ComplianceEvaluator(List.of(), MID_NOVEMBER, Duration.ofHours(1))
                .evaluate(resolved(LONG_AGO, rule), List.of()));
        ComplianceEntry nextDay = only(new ComplianceEvaluator(List.of(), Instant.parse("2026-11-16T12:00:00Z"),
                Duration.ofHours(1)).evaluate(resolved(LONG_AGO, rule), List.of()));

        assertThat(sameDay.status()).isEqualTo(ComplianceStatus.PENDING);
        assertThat(sameDay.source()).isEqualTo("RULE");
        assertThat(sameDay.reason()).isEqualTo("rule databases");
        assertThat(nextDay.status()).isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void aVolumeThatGotItsPolicyBackIsPendingUntilTheNextSlotThoughItHadSnapshotsBefore() {
        // Excluded for two weeks; the exclusion ended at 03:00, after the day's 02:00 slot.
        Resolution back = new Resolution("TENANT_SET", null, null,
                List.of(expected(DAILY_SET, "daily_5", "0 2 * * *", "2026-11-15T03:00:00Z")), MID_NOVEMBER);
        StateRow old = state(DAILY_SET, "daily_5", "2026-11-01T02:03:00Z", "CREATED");

        assertThat(only(evaluator().evaluate(resolved(LONG_AGO, back), List.of(old))).status())
                .isEqualTo(ComplianceStatus.PENDING);
        assertThat(only(new ComplianceEvaluator(List.of(), Instant.parse("2026-11-16T12:00:00Z"), Duration.ofHours(1))
                .evaluate(resolved(LONG_AGO, back), List.of(old))).status()).isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void measuresPendingFromTheVolumesCreationWhenItCameAfterSince() {
        Resolution rule = new Resolution("RULE", null, null,
                List.of(expected(DAILY_SET, "daily_5", "0 2 * * *", "2026-01-01T00:00:00Z")), MID_NOVEMBER);

        assertThat(only(evaluator().evaluate(resolved(Instant.parse("2026-11-15T03:00:00Z"), rule), List.of())).status())
                .isEqualTo(ComplianceStatus.PENDING);
        assertThat(only(evaluator().evaluate(resolved(LONG_AGO, rule), List.of())).status())
                .isEqualTo(ComplianceStatus.MISSING);
    }

    @Test
    void judgesOnlyThePoliciesOfTheResolutionNotTheOnesTheVolumeHasRecordsOf() {
        // Moved from daily_5 to monthly_1st: the daily records stopped, the monthly snapshot is fresh.
        Resolution moved = new Resolution("ASSIGNMENT", null, null,
                List.of(expected(MONTHLY_SET, "monthly_1st", "0 2 1 * *", "2026-10-20T00:00:00Z")), MID_NOVEMBER);
        List<StateRow> states = List.of(state(DAILY_SET, "daily_5", "2026-10-19T02:03:00Z", "CREATED"),
                state(MONTHLY_SET, "monthly_1st", "2026-11-01T02:05:00Z", "CREATED"));

        ComplianceEntry entry = only(evaluator(daily, monthly).evaluate(resolved(LONG_AGO, moved), states));

        assertThat(entry.policySetId()).isEqualTo(MONTHLY_SET);
        assertThat(entry.status()).isEqualTo(ComplianceStatus.COMPLIANT);
        assertThat(entry.lastSnapshotAt()).isEqualTo(Instant.parse("2026-11-01T02:05:00Z"));
    }

    @Test
    void takesTheCadenceFromThePolicyProjectionAndFromTheResolutionOnlyForPoliciesItDoesNotKnow() {
        UUID unknownSet = UUID.randomUUID();
        // The resolution still carries an hourly cron for daily_5; the projection has its current, daily one.
        Resolution resolution = new Resolution("TENANT_SET", null, null, List.of(
                expected(DAILY_SET, "daily_5", "0 * * * *", "2026-01-01T00:00:00Z"),
                expected(unknownSet, "weekly", "0 2 * * 1", "2026-01-01T00:00:00Z")), MID_NOVEMBER);

        List<ComplianceEntry> entries = evaluator(daily).evaluate(resolved(LONG_AGO, resolution), List.of());

        assertThat(entries).extracting(ComplianceEntry::policyName, ComplianceEntry::intervalSeconds)
                .containsExactlyInAnyOrder(tuple("daily_5", 86_400L),
                        tuple("weekly", 604_800L));
        assertThat(entries).filteredOn(e -> e.policyName().equals("daily_5")).singleElement()
                .satisfies(e -> assertThat(e.policySetName()).isEqualTo("set-daily_5"));
    }

    @Test
    void reportsAnOptOutAsExcludedAndAnUncoveredResolutionAsUncovered() {
        PolicyRow autoApplied = policy(DAILY_SET, "daily_5", "0 2 * * *", "GLOBAL", null, true, LONG_AGO);
        Resolution optOut = new Resolution("ASSIGNMENT", "autoSnapshot=false", null, List.of(), MID_NOVEMBER);
        Resolution uncovered = new Resolution("UNCOVERED", null, null, List.of(), MID_NOVEMBER);
        StateRow recorded = state(DAILY_SET, "daily_5", "2026-11-15T02:03:00Z", "CREATED");

        ComplianceEntry excluded = only(evaluator(autoApplied).evaluate(resolved(LONG_AGO, optOut), List.of()));
        ComplianceEntry none = only(evaluator(autoApplied).evaluate(resolved(LONG_AGO, uncovered), List.of(recorded)));

        assertThat(excluded.status()).isEqualTo(ComplianceStatus.EXCLUDED);
        assertThat(excluded.source()).isEqualTo("ASSIGNMENT");
        assertThat(excluded.reason()).isEqualTo("autoSnapshot=false");
        assertThat(none.status()).isEqualTo(ComplianceStatus.UNCOVERED);
        assertThat(none.source()).isEqualTo("UNCOVERED");
    }

    private static VolumeRow resolved(Instant createdAt, Resolution resolution) {
        return new VolumeRow("vol-1", "data", "p-1", "P1", "Default", "web-1", Map.of(), createdAt, resolution);
    }

    private static ExpectedPolicy expected(UUID set, String name, String cron, String since) {
        return new ExpectedPolicy(set, "resolved-" + name, name, cron, "UTC", Instant.parse(since));
    }

    private static ComplianceEvaluator evaluator(PolicyRow... policies) {
        return new ComplianceEvaluator(List.of(policies), MID_NOVEMBER, Duration.ofHours(1));
    }

    private static VolumeRow volume(Map<String, String> metadata) {
        return new VolumeRow("vol-1", "data", "p-1", "P1", "Default", "web-1", metadata, LONG_AGO);
    }

    private static StateRow state(UUID set, String policy, String created, String action) {
        return new StateRow("vol-1", set, policy, Instant.parse(created), Instant.parse(created), action);
    }

    private static PolicyRow policy(UUID set, String name, String cron, String scope, String tenant, boolean autoApply,
            Instant since) {
        return policy(set, name, cron, scope, tenant, autoApply, since, "UTC");
    }

    private static PolicyRow policy(UUID set, String name, String cron, String scope, String tenant, boolean autoApply,
            Instant since, String timeZone) {
        return new PolicyRow(set, name, "set-" + name, scope, tenant, 100, true, autoApply, cron, timeZone, true, since);
    }

    private static ComplianceEntry only(List<ComplianceEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
