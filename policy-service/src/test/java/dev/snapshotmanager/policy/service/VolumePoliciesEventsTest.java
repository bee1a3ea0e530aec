package dev.snapshotmanager.policy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.policy.domain.resolution.EffectivePolicy;
import dev.snapshotmanager.policy.domain.resolution.Resolution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event of a resolution, its digest and its since (pure, no server). */
class VolumePoliciesEventsTest {

    private static final UUID SET = UUID.randomUUID();
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:30Z");
    private static final Instant UNTIL = Instant.parse("2026-04-01T00:00:00Z");

    private static EffectivePolicy policy(String name, String cron) {
        return new EffectivePolicy(SET, "gold", name, cron, "UTC", null, null, null);
    }

    private static Resolution resolution(ResolutionStep step, EffectivePolicy... policies) {
        return new Resolution("v1", step, "because", null, null, null, null, SET, "gold", List.of(policies),
                List.of());
    }

    @Test
    void keepsTheSinceOfAPolicyThatStaysAndStartsANewOneNow() {
        Resolution r = resolution(ResolutionStep.RULE, policy("daily", "0 2 * * *"), policy("weekly", "0 3 * * 0"));

        VolumePoliciesV1 event = VolumePoliciesEvents.event("v1", "p1", r, UNTIL,
                Map.of(VolumePoliciesEvents.key(SET, "daily"), T1), p -> T2, T2);

        assertThat(event.policies().get(0).since()).isEqualTo(T1);
        assertThat(event.policies().get(1).since()).isEqualTo(T2);
        assertThat(event.resolvedAt()).isEqualTo(T2);
        assertThat(event.excludedUntil()).as("only an exclusion has an end").isNull();
        assertThat(VolumePoliciesEvents.since(event)).containsExactly(
                Map.entry(SET + "/daily", T1), Map.entry(SET + "/weekly", T2));
    }

    @Test
    void theDigestIgnoresWhenItWasResolvedAndSinceWhenPoliciesApply() {
        Resolution r = resolution(ResolutionStep.TENANT_SET, policy("daily", "0 2 * * *"));
        VolumePoliciesV1 earlier = VolumePoliciesEvents.event("v1", "p1", r, null, Map.of(), p -> T1, T1);
        VolumePoliciesV1 later = VolumePoliciesEvents.event("v1", "p1", r, null, Map.of(), p -> T2, T2);

        assertThat(VolumePoliciesEvents.digest(later)).isEqualTo(VolumePoliciesEvents.digest(earlier));
    }

    @Test
    void theDigestChangesWithTheScheduleTheStepOrTheExclusionsEnd() {
        Resolution daily = resolution(ResolutionStep.TENANT_SET, policy("daily", "0 2 * * *"));
        String digest = VolumePoliciesEvents.digest(VolumePoliciesEvents.event("v1", "p1", daily, null, Map.of(), p -> T1, T1));

        Resolution moved = resolution(ResolutionStep.TENANT_SET, policy("daily", "0 4 * * *"));
        Resolution byRule = resolution(ResolutionStep.RULE, policy("daily", "0 2 * * *"));
        Resolution excluded = resolution(ResolutionStep.EXCLUSION);
        assertThat(VolumePoliciesEvents.digest(VolumePoliciesEvents.event("v1", "p1", moved, null, Map.of(), p -> T1, T1)))
                .isNotEqualTo(digest);
        assertThat(VolumePoliciesEvents.digest(VolumePoliciesEvents.event("v1", "p1", byRule, null, Map.of(), p -> T1, T1)))
                .isNotEqualTo(digest);
        assertThat(VolumePoliciesEvents.digest(VolumePoliciesEvents.event("v1", "p1", excluded, UNTIL, Map.of(), p -> T1, T1)))
                .isNotEqualTo(VolumePoliciesEvents.digest(
                        VolumePoliciesEvents.event("v1", "p1", excluded, UNTIL.plusSeconds(60), Map.of(), p -> T1, T1)));
    }

    @Test
    void aFirstPublicationStartsAtTheLatestKnownLowerBoundNeverAfterNow() {
        Instant volumeCreated = T1.minusSeconds(3600);
        assertThat(VolumePoliciesEvents.firstSince(T2, volumeCreated, T1, null)).as("the set is younger").isEqualTo(T1);
        assertThat(VolumePoliciesEvents.firstSince(T2, T1, volumeCreated)).as("the volume is younger").isEqualTo(T1);
        assertThat(VolumePoliciesEvents.firstSince(T2, null, null)).as("nothing known").isEqualTo(T2);
        assertThat(VolumePoliciesEvents.firstSince(T1, T2)).as("never after now").isEqualTo(T1);
    }
}
