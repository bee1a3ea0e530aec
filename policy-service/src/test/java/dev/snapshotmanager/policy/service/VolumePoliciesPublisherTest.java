package dev.snapshotmanager.policy.service;

import static dev.snapshotmanager.policy.Fixtures.as;
import static dev.snapshotmanager.policy.Fixtures.policy;
import static dev.snapshotmanager.policy.Fixtures.tenant;
import static dev.snapshotmanager.policy.Fixtures.tenantSet;
import static dev.snapshotmanager.policy.service.PublicationFixtures.inventoryVolume;
import static dev.snapshotmanager.policy.service.PublicationFixtures.lastEvent;
import static dev.snapshotmanager.policy.service.PublicationFixtures.outboxEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.ExpectedPolicy;
import dev.snapshotmanager.events.ResolutionStep;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumePoliciesV1;
import dev.snapshotmanager.policy.ContractTopic;
import dev.snapshotmanager.policy.Fixtures;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each inventory volume's resolution, as the pass publishes it on snapshot.volume-policies.v1 (real PostgreSQL and
 * Kafka): which step decided, the policies and since when they apply, and nothing while it stays the same.
 */
@QuarkusTest
class VolumePoliciesPublisherTest {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Inject
    VolumePoliciesPublisher publisher;

    @Test
    void publishesANewVolumeOfATenantDefaultSetOnceThenOnlyWhenItsResolutionChanges() {
        String project = tenant();
        Instant beforeSet = Instant.now().minusMillis(1);
        String set = tenantSet(project).with("autoApply", true)
                .policy(policy("nightly").with("cron", "30 1 * * *").with("timeZone", "Europe/Paris")).create();
        String volume = inventoryVolume(project);

        assertThat(publisher.publishChanges().ran()).isTrue();
        publisher.publishChanges();
        assertThat(outboxEvents(volume)).as("an unchanged resolution is not published again").hasSize(1);

        as("admin").body(Map.of("policies", List.of(
                policy("nightly").with("cron", "30 1 * * *").with("timeZone", "Europe/Paris").build(),
                policy("weekly").with("cron", "0 4 * * 0").build()))).patch("/api/v1/policy-sets/" + set)
                .then().statusCode(200);
        publisher.publishChanges();

        List<VolumePoliciesV1> events = ContractTopic.await(EventType.VOLUME_POLICIES, volume, 2, KAFKA);
        assertThat(events).hasSize(2);
        VolumePoliciesV1 first = events.get(0);
        assertThat(first.removed()).isFalse();
        assertThat(first.volumeId()).isEqualTo(volume);
        assertThat(first.projectId()).isEqualTo(project);
        assertThat(first.decidedBy()).isEqualTo(ResolutionStep.TENANT_SET);
        assertThat(first.reason()).contains("default (autoApply) set");
        assertThat(first.excludedUntil()).isNull();
        assertThat(first.policies()).singleElement().satisfies(p -> {
            assertThat(p.policySetId()).isEqualTo(UUID.fromString(set));
            assertThat(p.policyName()).isEqualTo("nightly");
            assertThat(p.cron()).isEqualTo("30 1 * * *");
            assertThat(p.timeZone()).isEqualTo("Europe/Paris");
            assertThat(p.since()).as("first publication: from the set's creation (the volume is older), not the pass")
                    .isAfter(beforeSet).isBefore(first.resolvedAt());
        });
        VolumePoliciesV1 second = events.get(1);
        assertThat(second.resolvedAt()).isAfter(first.resolvedAt());
        assertThat(second.policies()).extracting(ExpectedPolicy::policyName).containsExactly("nightly", "weekly");
        assertThat(second.policies().get(0).since()).as("a policy that stays keeps its since")
                .isEqualTo(first.policies().get(0).since());
        assertThat(second.policies().get(1).since()).as("a new policy applies from the pass that found it")
                .isEqualTo(second.resolvedAt());
    }

    @Test
    void aVolumeYoungerThanItsSetIsFirstPublishedWithItsCreationAsSince() {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String volume = Fixtures.unique("vol");
        VolumeInventoryV1 v = PublicationFixtures.inventory(volume, project, "young", Map.of());
        Arc.container().instance(InventoryService.class).get().apply(volume, new VolumeInventoryV1(v.volumeId(),
                v.name(), v.status(), v.sizeGb(), v.volumeType(), v.bootable(), v.metadata(), v.tenant(), v.server(),
                v.attachedServerIds(), created, v.observedAt()), "test:" + UUID.randomUUID());

        publisher.publishChanges();

        assertThat(PublicationFixtures.lastEvent(volume).policies()).singleElement()
                .satisfies(p -> assertThat(p.since()).isEqualTo(created));
    }

    @Test
    void anExclusionFromTheApiPublishesItsEndAndItsDeletionStartsThePoliciesAgain() {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        String volume = inventoryVolume(project);
        publisher.publishChanges();
        Instant expiresAt = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        as("operator").body(Map.of("volumeId", volume, "projectId", project, "reason", "legal hold",
                "expiresAt", expiresAt.toString())).post("/api/v1/exclusions").then().statusCode(201);
        publisher.publishChanges();
        as("operator").delete("/api/v1/exclusions/" + volume).then().statusCode(204);
        publisher.publishChanges();

        List<VolumePoliciesV1> events = ContractTopic.await(EventType.VOLUME_POLICIES, volume, 3, KAFKA);
        assertThat(events).extracting(VolumePoliciesV1::decidedBy)
                .containsExactly(ResolutionStep.TENANT_SET, ResolutionStep.EXCLUSION, ResolutionStep.TENANT_SET);
        VolumePoliciesV1 excluded = events.get(1);
        assertThat(excluded.policies()).isEmpty();
        assertThat(excluded.reason()).isEqualTo("legal hold");
        assertThat(excluded.excludedUntil()).isEqualTo(expiresAt);
        VolumePoliciesV1 back = events.get(2);
        assertThat(back.excludedUntil()).isNull();
        assertThat(back.policies()).singleElement().satisfies(p -> {
            assertThat(p.since()).as("back after a break: a new since").isEqualTo(back.resolvedAt());
            assertThat(p.since()).isAfter(events.get(0).policies().get(0).since());
        });
    }

    @Test
    void anAssignmentPublishesOnlyItsPoliciesAndAnOptOutNone() {
        String project = tenant();
        tenantSet(project).with("autoApply", true).create();
        String gold = tenantSet(project).policy(policy("hourly").with("cron", "0 * * * *"))
                .policy(policy("weekly").with("cron", "0 4 * * 0")).create();
        String assigned = inventoryVolume(project);
        String optedOut = inventoryVolume(project);
        as("operator").body(Map.of("volumeId", assigned, "projectId", project, "policySetId", gold,
                "policyNames", List.of("weekly"))).post("/api/v1/assignments").then().statusCode(201);
        as("operator").body(Map.of("volumeId", optedOut, "projectId", project, "autoSnapshot", false))
                .post("/api/v1/assignments").then().statusCode(201);

        publisher.publishChanges();

        VolumePoliciesV1 onlyWeekly = lastEvent(assigned);
        assertThat(onlyWeekly.decidedBy()).isEqualTo(ResolutionStep.ASSIGNMENT);
        assertThat(onlyWeekly.policies()).singleElement().satisfies(p -> {
            assertThat(p.policySetId()).isEqualTo(UUID.fromString(gold));
            assertThat(p.policyName()).isEqualTo("weekly");
            assertThat(p.cron()).isEqualTo("0 4 * * 0");
        });
        VolumePoliciesV1 none = lastEvent(optedOut);
        assertThat(none.decidedBy()).isEqualTo(ResolutionStep.ASSIGNMENT);
        assertThat(none.policies()).isEmpty();
        assertThat(none.excludedUntil()).isNull();
    }

    @Test
    void publishesWhatARuleOrMetadataDecidesAndAnUncoveredVolume() {
        PublicationFixtures.withoutGlobalDefaultSets();
        String project = tenant();
        String set = tenantSet(project).policy(policy("gold")).create();
        String ruleName = Fixtures.unique("rule");
        as("admin").body(Map.of("name", ruleName, "tenantId", project, "priority", 500,
                "match", Map.of("volumeNamePrefix", "db-"), "policySetId", set)).post("/api/v1/rules")
                .then().statusCode(201);
        String byRule = inventoryVolume(project, "db-orders", Map.of());
        String byMetadata = inventoryVolume(project, "scratch", Map.of("auto_snapshot", "no"));
        String uncovered = inventoryVolume(project, "web", Map.of());

        publisher.publishChanges();

        VolumePoliciesV1 rule = lastEvent(byRule);
        assertThat(rule.decidedBy()).isEqualTo(ResolutionStep.RULE);
        assertThat(rule.reason()).contains(ruleName);
        assertThat(rule.policies()).extracting(ExpectedPolicy::policyName).containsExactly("gold");
        assertThat(lastEvent(byMetadata).decidedBy()).isEqualTo(ResolutionStep.METADATA);
        assertThat(lastEvent(byMetadata).policies()).isEmpty();
        assertThat(lastEvent(uncovered).decidedBy()).isEqualTo(ResolutionStep.UNCOVERED);
        assertThat(lastEvent(uncovered).policies()).isEmpty();
    }
}
