package dev.snapshotmanager.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.service.FinishedRuns;
import dev.snapshotmanager.worker.support.CancelledBeforeStart;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.TestCloud;
import dev.snapshotmanager.worker.support.Topic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volume tasks and cancellations travelling through the real broker to the worker's consumers. */
@QuarkusTest
class VolumeTaskConsumerTest {

    static final String P1 = "c0000000000000000000000000000001";
    static final String VOL = "20000000-0000-4000-8000-000000000001";
    static final String VOL2 = "20000000-0000-4000-8000-000000000002";

    @Inject
    FinishedRuns finished;

    @BeforeEach
    void cloud() {
        Clouds.cloud().project(P1, "gamma").volume(VOL, "data", P1, 10).volume(VOL2, "logs", P1, 10).load();
    }

    private static VolumeTaskV1 task(UUID runId) {
        return Tasks.task().run(runId).volume(VOL, "data", 10, "available", P1, "gamma", null, null).build();
    }

    private static void publish(VolumeTaskV1 task) {
        Topic.publish(Topics.VOLUME_TASKS, task.projectId(), task, CloudEventAttributes.of(EventType.VOLUME_TASK,
                task.taskId().toString(), "/test", task.projectId(), Instant.now()));
    }

    @Test
    void executesATaskFromTheTopicAndPublishesResultsWithCloudEventsHeadersKeyedByVolume() {
        VolumeTaskV1 task = task(UUID.randomUUID());

        publish(task);

        List<Topic.Read<VolumeResultV1>> results = Topic.read(Topics.VOLUME_RESULTS, VolumeResultV1.class,
                r -> r.payload() != null && r.payload().runId().equals(task.runId()), f -> !f.isEmpty(),
                Duration.ofSeconds(60));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(VOL);
            assertThat(r.payload().action()).isEqualTo(VolumeAction.CREATED);
            assertThat(r.attributes().id()).isEqualTo(r.payload().eventId());
            assertThat(r.attributes().type()).isEqualTo(EventType.VOLUME_RESULT.type());
            assertThat(r.attributes().source()).isEqualTo("/snapshot-manager/snapshot-worker");
            assertThat(r.attributes().subject()).isEqualTo(VOL);
        });
        assertThat(TestCloud.snapshots(VOL)).hasSize(1);
    }

    @Test
    void keepsConsumingAfterAPoisonMessage() {
        Topic.publish(Topics.VOLUME_TASKS, P1, java.util.Map.of("not", "a task"), CloudEventAttributes.of(
                EventType.VOLUME_TASK, UUID.randomUUID().toString(), "/test", P1, Instant.now()));
        VolumeTaskV1 task = task(UUID.randomUUID());

        publish(task);

        assertThat(Tasks.results(task.runId(), 1)).extracting(VolumeResultV1::action)
                .containsExactly(VolumeAction.CREATED);
    }

    @Test
    void aCancelledRunStopsNewVolumes() {
        UUID runId = UUID.randomUUID();
        Tasks.publishCancelled(runId, "operator cancelled");

        assertItsVolumesAreSkippedAsCancelled(runId);
    }

    @Test
    void aRunCancelledBeforeThisInstanceStartedStopsItsVolumesToo() {
        assertItsVolumesAreSkippedAsCancelled(CancelledBeforeStart.RUN);
    }

    @Test
    void aRunThatRunServiceFailsWhileItsTasksWaitStopsTheRemainingVolumes() {
        UUID runId = UUID.randomUUID();
        publish(task(runId));
        assertThat(Tasks.results(runId, 1)).extracting(VolumeResultV1::action).containsExactly(VolumeAction.CREATED);

        // The stale sweep fails the run (WORKER_LOST) while its second task still waits in the topic.
        Tasks.publishFinished(runId, LifecycleEvent.FAILED, RunStatus.FAILED, ReasonCodes.WORKER_LOST);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.isFinished(runId));
        publish(Tasks.task().run(runId).volume(VOL2, "logs", 10, "available", P1, "gamma", null, null).build());

        assertThat(Tasks.results(runId, 2)).filteredOn(r -> r.volume().id().equals(VOL2)).singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo(VolumeAction.SKIPPED);
                    assertThat(r.reason()).isEqualTo(ReasonCodes.RUN_FINISHED);
                    assertThat(r.error()).contains("FAILED");
                });
        assertThat(TestCloud.snapshots(VOL2)).isEmpty();
        assertThat(TestCloud.snapshots(VOL)).hasSize(1);
    }

    @Test
    void aRunThatRunServiceCompletedStopsItsVolumesToo() {
        UUID runId = UUID.randomUUID();
        Tasks.publishFinished(runId, LifecycleEvent.COMPLETED, RunStatus.COMPLETED, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.isFinished(runId));

        publish(task(runId));

        assertThat(Tasks.results(runId, 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.SKIPPED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.RUN_FINISHED);
        });
        assertThat(TestCloud.snapshots(VOL)).isEmpty();
    }

    private void assertItsVolumesAreSkippedAsCancelled(UUID runId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> finished.isFinished(runId));

        publish(task(runId));

        assertThat(Tasks.results(runId, 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.SKIPPED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.RUN_CANCELLED);
        });
        assertThat(TestCloud.snapshots(VOL)).isEmpty();
    }
}
