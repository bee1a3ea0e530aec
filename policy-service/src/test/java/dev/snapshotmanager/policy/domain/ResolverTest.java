package dev.snapshotmanager.policy.domain;

import static dev.snapshotmanager.policy.domain.StateFixtures.policy;
import static dev.snapshotmanager.policy.domain.StateFixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.policy.domain.resolution.EffectivePolicy;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.RuleView;
import dev.snapshotmanager.policy.domain.resolution.ResolutionState.SetView;
import dev.snapshotmanager.policy.domain.resolution.Resolver;
import dev.snapshotmanager.policy.domain.resolution.RetentionSource;
import dev.snapshotmanager.policy.domain.resolution.VolumeDescription;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DOMAIN.md's resolution order, case by case: each step beats the later ones. */
class ResolverTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final RuleMatch ANY = RuleMatch.ANY;

    private final StateFixtures f = new StateFixtures();
    private final SetView global = f.globalSet("global-default", 10, true, policy("daily_5", 5));
    private final SetView tenantDefault = f.tenantSet("p1", "acme-default", 10, true, policy("hourly", 24));
    private final SetView gold = f.globalSet("gold", 500, false, policy("daily_5", 14), policy("monthly_1st", 12));

    private Resolution resolve(VolumeDescription v) {
        return new Resolver(f.state(), NOW).resolve(v);
    }

    private Resolution resolve() {
        return resolve(volume().build());
    }

    @Test
    void resolvesExclusionBeforeAssignment() {
        var exclusion = f.exclude("vol-1", null);
        f.assign("vol-1", gold, Map.of());
        Resolution r = resolve();
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.EXCLUSION);
        assertThat(r.exclusionId()).isEqualTo(exclusion.id());
        assertThat(r.reason()).isEqualTo("maintenance");
        assertThat(r.policies()).isEmpty();
    }

    @Test
    void anExclusionOrAnAssignmentMadeInAnotherProjectDoesNotDecide() {
        var exclusion = f.exclude("vol-1", "p2", null);
        var assignment = f.assign("vol-1", "p2", gold, Map.of());
        Resolution r = resolve();
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.TENANT_SET);
        assertThat(r.exclusionId()).isNull();
        assertThat(r.assignmentId()).isNull();
        assertThat(r.policySetId()).isEqualTo(tenantDefault.id());
        assertThat(r.warnings()).containsExactly(
                "exclusion " + exclusion.id() + " was made in another project than the volume's; it does not apply",
                "assignment " + assignment.id() + " was made in another project than the volume's; it does not apply");
    }

    @Test
    void ignoresAnExpiredExclusion() {
        f.exclude("vol-1", NOW.minusSeconds(1));
        f.assign("vol-1", gold, Map.of());
        assertThat(resolve().decidedBy()).isEqualTo(ResolutionStep.ASSIGNMENT);
    }

    @Test
    void appliesAnExclusionThatExpiresLater() {
        f.exclude("vol-1", NOW.plusSeconds(60));
        assertThat(resolve().decidedBy()).isEqualTo(ResolutionStep.EXCLUSION);
    }

    @Test
    void resolvesAssignmentBeforeMetadata() {
        var a = f.assign("vol-1", gold, Map.of());
        Resolution r = resolve(volume().meta("auto_snapshot", "false").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.ASSIGNMENT);
        assertThat(r.assignmentId()).isEqualTo(a.id());
        assertThat(r.policySetId()).isEqualTo(gold.id());
        assertThat(r.policies()).extracting(EffectivePolicy::policyName).containsExactly("daily_5", "monthly_1st");
    }

    @Test
    void anAssignmentWithAutoSnapshotFalseDecidesNoPolicies() {
        f.assign("vol-1", null, Map.of());
        f.rule("everything", null, 1000, ANY, gold);
        Resolution r = resolve(volume().meta("auto_snapshot", "true").meta("snapshot_policies", "daily_5").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.ASSIGNMENT);
        assertThat(r.policies()).isEmpty();
    }

    @Test
    void resolvesMetadataBeforeRules() {
        f.rule("everything", null, 1000, ANY, gold);
        Resolution r = resolve(volume().meta("auto_snapshot", "true").meta("snapshot_policies", "hourly").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.METADATA);
        assertThat(r.policies()).extracting(EffectivePolicy::policySetId).containsExactly(tenantDefault.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "Yes", "1", " yes "})
    void acceptsEveryTruthyAutoSnapshotSpelling(String value) {
        Resolution r = resolve(volume().meta("auto_snapshot", value).meta("snapshot_policies", "monthly_1st").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.METADATA);
        assertThat(r.policies()).extracting(EffectivePolicy::policyName).containsExactly("monthly_1st");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "NO", "0"})
    void anExplicitFalsyAutoSnapshotOptsOutBeforeRulesAndDefaults(String value) {
        f.rule("everything", null, 1000, ANY, gold);
        Resolution r = resolve(volume().meta("auto_snapshot", value).build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.METADATA);
        assertThat(r.policies()).isEmpty();
    }

    @Test
    void readsCommaAndSemicolonListsAndTheLegacySingleName() {
        Resolution list = resolve(volume().meta("auto_snapshot", "true")
                .meta("snapshot_policies", " daily_5 ; monthly_1st,hourly ").build());
        assertThat(list.policies()).extracting(EffectivePolicy::policyName)
                .containsExactly("daily_5", "monthly_1st", "hourly");
        Resolution legacy = resolve(volume().meta("auto_snapshot", "yes").meta("snapshot_policy", "monthly_1st")
                .build());
        assertThat(legacy.policies()).extracting(EffectivePolicy::policyName).containsExactly("monthly_1st");
    }

    @Test
    void metadataNamesResolveToTheHighestPrioritySetOfTheVolumesScope() {
        Resolution r = resolve(volume().meta("auto_snapshot", "true").meta("snapshot_policies", "daily_5").build());
        assertThat(r.policies()).singleElement().satisfies(p -> {
            assertThat(p.policySetId()).isEqualTo(gold.id());
            assertThat(p.retention()).isEqualTo(new Retention(14, null));
        });
    }

    @Test
    void warnsAboutUnknownMetadataPoliciesAndFallsThroughWhenNoneIsKnown() {
        f.rule("everything", null, 1, ANY, gold);
        Resolution r = resolve(volume().meta("auto_snapshot", "true").meta("snapshot_policies", "nope").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.RULE);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("nope"));
    }

    @Test
    void ignoresPolicyMetadataWithoutAutoSnapshot() {
        Resolution r = resolve(volume().meta("snapshot_policies", "monthly_1st").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.TENANT_SET);
    }

    @Test
    void resolvesRulesBeforeTheTenantsDefaultSet() {
        RuleView rule = f.rule("db", null, 100, new RuleMatch(null, null, Values.of("db-"), null, null, null, null,
                null, null, null), gold);
        Resolution r = resolve();
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.RULE);
        assertThat(r.ruleId()).isEqualTo(rule.id());
        assertThat(r.ruleName()).isEqualTo("db");
        assertThat(r.policySetId()).isEqualTo(gold.id());
    }

    @Test
    void theHighestPriorityMatchingRuleDecides() {
        SetView other = f.globalSet("other", 1, false, policy("weekly", 4));
        f.rule("low", null, 10, ANY, gold);
        RuleView high = f.rule("high", null, 900, ANY, other);
        f.rule("higher-but-no-match", null, 1000, new RuleMatch(Values.of("Elsewhere"), null, null, null, null, null,
                null, null, null, null), gold);
        assertThat(resolve().ruleId()).isEqualTo(high.id());
    }

    @Test
    void onPriorityTiesTheOlderRuleDecides() {
        RuleView first = f.rule("first", null, 50, ANY, gold);
        f.rule("second", null, 50, ANY, global);
        assertThat(resolve().ruleId()).isEqualTo(first.id());
    }

    @Test
    void aRuleMatchesOnlyWhenAllGivenKeysMatchAndListsMatchAnyValue() {
        RuleMatch match = new RuleMatch(Values.of("Other", "Default"), Values.of("acme"), null, Values.of("prod"),
                false, 50, 200, Values.of("ssd", "hdd"), Map.of("env", Values.of("prod", "staging")),
                Map.of("role", Values.of("db")));
        RuleView rule = f.rule("strict", null, 100, match, gold);
        VolumeDescription matching = volume().meta("env", "prod").meta("role", "main-db").build();
        assertThat(resolve(matching).ruleId()).isEqualTo(rule.id());
        assertThat(resolve(volume().meta("env", "prod").meta("role", "web").build()).decidedBy())
                .isEqualTo(ResolutionStep.TENANT_SET);
        assertThat(resolve(volume().size(300).meta("env", "prod").meta("role", "db").build()).decidedBy())
                .isEqualTo(ResolutionStep.TENANT_SET);
        assertThat(resolve(volume().bootable(true).meta("env", "prod").meta("role", "db").build()).decidedBy())
                .isEqualTo(ResolutionStep.TENANT_SET);
    }

    @Test
    void aTenantRuleAppliesOnlyToItsTenantsVolumes() {
        f.rule("p2-only", "p2", 1000, ANY, gold);
        assertThat(resolve().decidedBy()).isEqualTo(ResolutionStep.TENANT_SET);
        assertThat(resolve(volume().project("p2", "beta").build()).decidedBy()).isEqualTo(ResolutionStep.RULE);
    }

    @Test
    void anOptOutRuleDecidesNoPolicies() {
        f.rule("scratch", null, 100, new RuleMatch(null, null, null, Values.of("prod"), null, null, null, null, null,
                null), null);
        Resolution r = resolve();
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.RULE);
        assertThat(r.policies()).isEmpty();
    }

    @Test
    void theTenantsDefaultSetBeatsTheGlobalDefault() {
        f.tenantSet("p1", "acme-gold", 50, true, policy("gold", 30));
        Resolution r = resolve();
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.TENANT_SET);
        assertThat(r.policySetName()).isEqualTo("acme-gold");
    }

    @Test
    void fallsBackToTheHighestPriorityActiveGlobalDefault() {
        SetView better = f.globalSet("better-default", 20, true, policy("daily_7", 7));
        f.add(new SetView(java.util.UUID.randomUUID(), "inactive", dev.snapshotmanager.events.PolicyScope.GLOBAL,
                null, 999, false, true, StateFixtures.T0, java.util.List.of(policy("x", 1))));
        Resolution r = resolve(volume().project("p9", "other").build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.GLOBAL_SET);
        assertThat(r.policySetId()).isEqualTo(better.id());
    }

    @Test
    void reportsAnUncoveredVolume() {
        StateFixtures empty = new StateFixtures();
        empty.globalSet("not-default", 10, false, policy("daily_5", 5));
        Resolution r = new Resolver(empty.state(), NOW).resolve(volume().build());
        assertThat(r.decidedBy()).isEqualTo(ResolutionStep.UNCOVERED);
        assertThat(r.policies()).isEmpty();
    }

    @Test
    void retentionPrecedenceIsAssignmentThenMetadataThenPolicy() {
        f.assign("vol-1", gold, Map.of("daily_5", new Retention(3, null)));
        Resolution r = resolve(volume().meta("retention_daily_5", "7").meta("retention_monthly_1st", "P90D").build());
        assertThat(r.policies()).extracting(EffectivePolicy::policyName, EffectivePolicy::retention,
                EffectivePolicy::retentionSource).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("daily_5", new Retention(3, null), RetentionSource.ASSIGNMENT),
                        org.assertj.core.groups.Tuple.tuple("monthly_1st", new Retention(null, "P90D"),
                                RetentionSource.METADATA));
        Resolution plain = resolve(volume().id("vol-2").build());
        assertThat(plain.policies()).singleElement()
                .satisfies(p -> assertThat(p.retentionSource()).isEqualTo(RetentionSource.POLICY));
    }

    @Test
    void readsLegacyRetentionKeysMostSpecificFirst() {
        f.assign("vol-1", gold, Map.of());
        Resolution r = resolve(volume().meta("retention", "2").meta("snapshot_retention_daily_5", "6").build());
        assertThat(r.policies()).extracting(EffectivePolicy::retention)
                .containsExactly(new Retention(6, null), new Retention(2, null));
    }

    @Test
    void ignoresUnreadableRetentionMetadataWithAWarning() {
        f.assign("vol-1", gold, Map.of());
        Resolution r = resolve(volume().meta("retention_daily_5", "5 days").build());
        assertThat(r.policies().get(0).retentionSource()).isEqualTo(RetentionSource.POLICY);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("retention_daily_5"));
    }
}
