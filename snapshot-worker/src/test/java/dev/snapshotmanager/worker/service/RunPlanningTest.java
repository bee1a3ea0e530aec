package dev.snapshotmanager.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.client.OpenStackSessions;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.PolicyDouble;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.TestCloud;
import dev.snapshotmanager.worker.support.Topic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Planning a requested run end to end: request on the broker, plan, tasks, execution, results. */
@QuarkusTest
class RunPlanningTest {

    static final String A = "d000000000000000000000000000000a";
    static final String B = "d000000000000000000000000000000b";
    static final String A1 = "30000000-0000-4000-8000-0000000000a1";
    static final String A2 = "30000000-0000-4000-8000-0000000000a2";
    static final String A3 = "30000000-0000-4000-8000-0000000000a3";
    static final String B1 = "30000000-0000-4000-8000-0000000000b1";
    static final String B2 = "30000000-0000-4000-8000-0000000000b2";
    static final String B3 = "30000000-0000-4000-8000-0000000000b3";
    static final String UNCOVERED = "30000000-0000-4000-8000-0000000000c1";
    static final Retention KEEP_3 = new Retention(3, null);

    @Inject
    OpenStackSessions sessions;

    @Inject
    OpenStackClient cloud;

    @Inject
    PlanSelection selection;

    @Inject
    FinishedRuns finished;

    @BeforeEach
    void cloud() {
        sessions.invalidateAll();
        Clouds.cloud().project(A, "alpha", Map.of("snapshots", 2)).project(B, "beta", Map.of("gigabytes", -1))
                .volume(A1, "a-large", A, 5).volume(A2, "a-small", A, 1).volume(A3, "a-mid", A, 3)
                .volume(B1, "b-broken", B, 1, "error_deleting", null).volume(B2, "b-huge", B, 5000, null, null)
                .volume(B3, "b-ok", B, 2).volume(UNCOVERED, "c", B, 1)
                .load();
        PolicyDouble.decisions().applies(A1, Tasks.DAILY, KEEP_3).applies(A2, Tasks.DAILY, KEEP_3)
                .applies(A3, Tasks.DAILY, KEEP_3).applies(B1, Tasks.DAILY, KEEP_3).applies(B2, Tasks.DAILY, KEEP_3)
                .applies(B3, Tasks.DAILY, KEEP_3, "ASSIGNMENT").install();
    }

    private static RunRequestedV1 request(boolean dryRun, RunScope scope) {
        return request(UUID.randomUUID(), dryRun, scope);
    }

    private static RunRequestedV1 request(UUID runId, boolean dryRun, RunScope scope) {
        Instant now = Instant.now();
        RunRequestedV1 request = new RunRequestedV1(runId, Tasks.DAILY, now, dryRun, RunTrigger.MANUAL,
                scope, "alice", "test", now);
        Topic.publish(Topics.RUN_REQUESTED, request.runId().toString(), request, CloudEventAttributes.of(
                EventType.RUN_REQUESTED, UUID.randomUUID().toString(), "/test", request.runId().toString(), now));
        return request;
    }

    private static RunPlannedV1 planned(UUID runId) {
        return Topic.read(Topics.RUN_PLANNED, RunPlannedV1.class, r -> r.payload().runId().equals(runId),
                f -> !f.isEmpty(), Duration.ofSeconds(60)).get(0).payload();
    }

    private static Map<String, String> byVolume(List<VolumeResultV1> results) {
        return results.stream().collect(Collectors.toMap(r -> r.volume().id(),
                r -> r.action() + (r.reason() == null ? "" : ":" + r.reason()), (a, b) -> a + "," + b));
    }

    @Test
    void plansSkipsQuotaBlocksTheLargestAndExecutesTheRestInPerProjectBatches() {
        RunRequestedV1 request = request(false, null);

        RunPlannedV1 planned = planned(request.runId());
        List<VolumeResultV1> results = Tasks.results(request.runId(), 6);

        assertThat(planned).extracting(RunPlannedV1::totalVolumes, RunPlannedV1::toCreate, RunPlannedV1::skipped,
                RunPlannedV1::quotaBlocked, RunPlannedV1::batchCount, RunPlannedV1::projectCount)
                .containsExactly(6, 3, 2, 1, 2, 2);
        assertThat(byVolume(results)).containsExactlyInAnyOrderEntriesOf(Map.of(
                A1, "QUOTA_BLOCKED:" + ReasonCodes.QUOTA_SNAPSHOTS,
                A2, "CREATED", A3, "CREATED", B3, "CREATED",
                B1, "SKIPPED:" + ReasonCodes.VOLUME_STATUS,
                B2, "SKIPPED:" + ReasonCodes.TOO_LARGE));
        List<VolumeTaskV1> tasks = Topic.read(Topics.VOLUME_TASKS, VolumeTaskV1.class,
                        r -> r.payload() != null && r.payload().runId().equals(request.runId()), f -> f.size() >= 2,
                        Duration.ofSeconds(30)).stream().map(Topic.Read::payload).toList();
        assertThat(tasks).extracting(t -> t.projectId() + ":" + t.volumes().size())
                .containsExactlyInAnyOrder(A + ":2", B + ":1");
        assertThat(tasks).flatExtracting(VolumeTaskV1::volumes).allSatisfy(v -> assertThat(v.retention())
                .isEqualTo(KEEP_3));
        assertThat(TestCloud.snapshots(UNCOVERED)).isEmpty();
        assertThat(PolicyDouble.stats().get("unauthorized").asInt()).isZero();
    }

    @Test
    void aRequestForARunThatRunServiceHasAlreadyFailedIsNotPlanned() {
        // The stale sweep failed the run (WORKER_LOST) while its request still waited behind other work.
        UUID runId = UUID.randomUUID();
        Tasks.publishFinished(runId, LifecycleEvent.FAILED, RunStatus.FAILED, ReasonCodes.WORKER_LOST);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.isFinished(runId));

        request(runId, false, null);
        Topic.awaitConsumed("snapshot-worker-planner", Topics.RUN_REQUESTED, Duration.ofSeconds(60));

        Duration quiet = Duration.ofSeconds(2);
        assertThat(Topic.read(Topics.VOLUME_TASKS, VolumeTaskV1.class,
                r -> r.payload() != null && r.payload().runId().equals(runId), f -> false, quiet)).isEmpty();
        assertThat(Topic.read(Topics.RUN_PLANNED, RunPlannedV1.class,
                r -> r.payload() != null && r.payload().runId().equals(runId), f -> false, quiet)).isEmpty();
        assertThat(Topic.read(Topics.RUN_HEARTBEATS, RunHeartbeatV1.class,
                r -> r.payload() != null && r.payload().runId().equals(runId), f -> false, quiet)).isEmpty();
        assertThat(Tasks.results(runId, 1, quiet)).isEmpty();
        for (String volume : List.of(A1, A2, A3, B1, B2, B3, UNCOVERED)) {
            assertThat(TestCloud.snapshots(volume)).isEmpty();
        }
    }

    @Test
    void restrictsTheRunToItsScope() {
        RunRequestedV1 request = request(false, new RunScope(null, List.of(B), null));

        assertThat(planned(request.runId()).totalVolumes()).isEqualTo(3);
        assertThat(byVolume(Tasks.results(request.runId(), 3))).containsOnlyKeys(B1, B2, B3);
        assertThat(TestCloud.snapshots(A2)).isEmpty();
    }

    @Test
    void reportsExplicitlyRequestedVolumesThePolicyDoesNotCoverOrThatAreGone() {
        String gone = "30000000-0000-4000-8000-0000000000ff";
        RunRequestedV1 request = request(false, new RunScope(null, null, List.of(B3, UNCOVERED, gone)));

        assertThat(byVolume(Tasks.results(request.runId(), 3))).containsExactlyInAnyOrderEntriesOf(Map.of(
                B3, "CREATED", UNCOVERED, "SKIPPED:" + ReasonCodes.NOT_IN_SCOPE,
                gone, "SKIPPED:" + ReasonCodes.VOLUME_GONE));
    }

    @Test
    void stopsCreatingAfterTheMaximumOfNewSnapshots() {
        Clouds cloud = Clouds.cloud().project(B, "beta");
        PolicyDouble decisions = PolicyDouble.decisions();
        for (int i = 0; i < 7; i++) {
            String id = "30000000-0000-4000-8000-00000000010" + i;
            cloud.volume(id, "v" + i, B, 1);
            decisions.applies(id, Tasks.DAILY, KEEP_3);
        }
        cloud.load();
        decisions.install();

        RunRequestedV1 request = request(false, null);

        assertThat(planned(request.runId())).extracting(RunPlannedV1::toCreate, RunPlannedV1::skipped,
                RunPlannedV1::batchCount).containsExactly(5, 2, 2);
        assertThat(Tasks.results(request.runId(), 7)).filteredOn(r -> r.action() == VolumeAction.SKIPPED)
                .extracting(VolumeResultV1::reason).containsOnly(ReasonCodes.MAX_NEW_REACHED).hasSize(2);
    }

    @Test
    void skipsVolumesOfDisabledAndDeletedProjectsInsteadOfFailingThem() {
        String disabled = "d000000000000000000000000000000d";
        String deleted = "d00000000000000000000000000000de";
        String inDisabled = "30000000-0000-4000-8000-0000000000d1";
        String orphaned = "30000000-0000-4000-8000-0000000000e1";
        Clouds.cloud().project(A, "alpha").disabledProject(disabled, "delta")
                .volume(A2, "a-small", A, 1).volume(inDisabled, "d-data", disabled, 1)
                .volume(orphaned, "orphan", deleted, 1).load();
        PolicyDouble.decisions().applies(A2, Tasks.DAILY, KEEP_3).applies(inDisabled, Tasks.DAILY, KEEP_3)
                .applies(orphaned, Tasks.DAILY, KEEP_3).install();

        RunRequestedV1 request = request(false, null);

        assertThat(planned(request.runId())).extracting(RunPlannedV1::totalVolumes, RunPlannedV1::toCreate,
                RunPlannedV1::skipped, RunPlannedV1::batchCount).containsExactly(3, 1, 2, 1);
        List<VolumeResultV1> results = Tasks.results(request.runId(), 3);
        assertThat(byVolume(results)).containsExactlyInAnyOrderEntriesOf(Map.of(
                A2, "CREATED",
                inDisabled, "SKIPPED:" + ReasonCodes.PROJECT_DISABLED,
                orphaned, "SKIPPED:" + ReasonCodes.PROJECT_UNKNOWN));
        assertThat(results).filteredOn(r -> r.volume().id().equals(inDisabled)).singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("project delta (" + disabled
                        + ") is disabled in Keystone"));
        assertThat(TestCloud.snapshots(inDisabled)).isEmpty();
        assertThat(TestCloud.snapshots(orphaned)).isEmpty();
    }

    @Test
    void skipsVolumesOfProjectsInADisabledDomainInsteadOfFailingThem() {
        String shut = "d00000000000000000000000000005d0";
        String inShut = "d00000000000000000000000000005d1";
        String volume = "30000000-0000-4000-8000-0000000005d1";
        Clouds.cloud().project(A, "alpha").projectInDisabledDomain(inShut, "sigma", shut, "shut")
                .volume(A2, "a-small", A, 1).volume(volume, "s-data", inShut, 1).load();
        PolicyDouble.decisions().applies(A2, Tasks.DAILY, KEEP_3).applies(volume, Tasks.DAILY, KEEP_3).install();

        RunRequestedV1 request = request(false, null);

        assertThat(planned(request.runId())).extracting(RunPlannedV1::totalVolumes, RunPlannedV1::toCreate,
                RunPlannedV1::skipped, RunPlannedV1::batchCount).containsExactly(2, 1, 1, 1);
        List<VolumeResultV1> results = Tasks.results(request.runId(), 2);
        assertThat(byVolume(results)).containsExactlyInAnyOrderEntriesOf(Map.of(
                A2, "CREATED", volume, "SKIPPED:" + ReasonCodes.PROJECT_DISABLED));
        assertThat(results).filteredOn(r -> r.volume().id().equals(volume)).singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("project sigma (" + inShut
                        + ") is in domain shut (" + shut + "), which is disabled in Keystone"));
        assertThat(TestCloud.snapshots(volume)).isEmpty();
    }

    @Test
    void skipsNoVolumeAsOrphanedWhenKeystoneListsNoProjectAtAll() {
        CloudInventory listed = cloud.inventory();
        CloudInventory withoutProjects = new CloudInventory(listed.volumes(), Map.of(), listed.domainNames(),
                listed.disabledDomains(), listed.serverNames(), listed.listedAt());
        RunRequestedV1 request = new RunRequestedV1(UUID.randomUUID(), Tasks.DAILY, Instant.now(), true,
                RunTrigger.MANUAL, new RunScope(null, null, List.of(A2, B3)), "alice", "test", Instant.now());

        PlanSelection.Selected selected = selection.select(request, new Volumes(withoutProjects));

        assertThat(selected.results()).isEmpty();
        assertThat(selected.toCreate()).extracting(v -> v.volume().id()).containsExactlyInAnyOrder(A2, B3);
    }

    @Test
    void aDryRunPlansAndReportsWouldCreateButChangesNothing() {
        RunRequestedV1 request = request(true, null);

        RunPlannedV1 planned = planned(request.runId());
        List<VolumeResultV1> results = Tasks.results(request.runId(), 6);

        assertThat(planned.dryRun()).isTrue();
        assertThat(byVolume(results)).containsEntry(A2, "WOULD_CREATE").containsEntry(B3, "WOULD_CREATE")
                .containsEntry(A1, "QUOTA_BLOCKED:" + ReasonCodes.QUOTA_SNAPSHOTS);
        assertThat(TestCloud.snapshots(null)).isEmpty();
    }

    @Test
    void publishesTheInventoryAtEveryPlanWithNamesResolved() {
        RunRequestedV1 request = request(true, null);
        planned(request.runId());

        List<VolumeInventoryV1> inventory = Topic.read(Topics.VOLUME_INVENTORY, VolumeInventoryV1.class,
                        r -> r.payload() != null && r.payload().volumeId().equals(A1), f -> !f.isEmpty(),
                        Duration.ofSeconds(30)).stream().map(Topic.Read::payload).toList();

        assertThat(inventory).last().satisfies(v -> {
            assertThat(v.tenant().projectName()).isEqualTo("alpha");
            assertThat(v.tenant().domainName()).isEqualTo("Default");
            assertThat(v.sizeGb()).isEqualTo(5);
        });
    }
}
