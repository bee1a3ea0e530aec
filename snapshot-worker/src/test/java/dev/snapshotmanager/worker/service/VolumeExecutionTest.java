package dev.snapshotmanager.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshotmanager.emulator.faults.FaultSettings;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.ServerRef;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.client.OpenStackSessions;
import dev.snapshotmanager.worker.domain.SnapshotTags;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.TestCloud;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the worker does to one volume (DOMAIN.md), against the emulator, results read from the real broker. */
@QuarkusTest
class VolumeExecutionTest {

    static final String P1 = "b0000000000000000000000000000001";
    static final String DATA = "10000000-0000-4000-8000-000000000001";
    static final String BOOT = "10000000-0000-4000-8000-000000000002";
    static final String BROKEN = "10000000-0000-4000-8000-000000000003";
    static final String WEB = "5e7a0000-0000-4000-8000-0000000000b1";
    static final Instant SLOT = Instant.parse("2026-11-29T02:00:00Z");

    @Inject
    TaskExecution execution;

    @Inject
    OpenStackSessions sessions;

    @Inject
    VolumeExecution volumes;

    @Inject
    OpenStackClient cloud;

    @Inject
    SnapshotCreation creation;

    @Inject
    SnapshotTags tags;

    @Inject
    FinishedRuns finished;

    @Inject
    WorkerMetrics metrics;

    @Inject
    MeterRegistry meters;

    @Inject
    KafkaClientService kafka;

    @BeforeEach
    void cloud() {
        sessions.invalidateAll();
        cloudWith(Clouds.cloud());
    }

    private static void cloudWith(Clouds cloud) {
        cloud.project(P1, "alpha team")
                .volume(DATA, "data 1", P1, 10)
                .attachedVolume(BOOT, "boot", P1, 20, WEB, "web-1")
                .volume(BROKEN, "broken", P1, 1, "error", null)
                .load();
    }

    private static Tasks data(Retention retention) {
        return Tasks.task().slot(SLOT).volume(DATA, "data 1", 10, "available", P1, "alpha team", null, retention);
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    private static Map<String, String> ours(String policy) {
        return Map.of("created_by", "snapshot-manager", "policy", policy);
    }

    private List<VolumeResultV1> run(VolumeTaskV1 task, int expected) {
        execution.execute(task);
        return Tasks.results(task.runId(), expected);
    }

    @Test
    void createsASnapshotInTheVolumesOwnProjectWithTheExactNameAndMetadata() {
        VolumeTaskV1 task = data(null).build();

        List<VolumeResultV1> results = run(task, 1);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.CREATED);
            assertThat(r.snapshot().status()).isEqualTo("available");
            assertThat(r.snapshot().name()).isEqualTo("auto-alpha_team-daily-data_1-20261129-020000");
            assertThat(r.eventId()).isEqualTo(VolumeResultV1.deterministicEventId(task.runId(), DATA,
                    VolumeAction.CREATED, r.snapshot().id()));
        });
        JsonNode snapshot = TestCloud.snapshots(DATA).get(0);
        assertThat(snapshot.get("project_id").asText()).isEqualTo(P1);
        assertThat(snapshot.get("description").isNull() || snapshot.get("description").asText().isEmpty()).isTrue();
        assertThat(snapshot.get("metadata").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "created_by", "policy", "run_id", "slot", "original_project_id", "original_volume_id");
        assertThat(snapshot.at("/metadata/created_by").asText()).isEqualTo("snapshot-manager");
        assertThat(snapshot.at("/metadata/policy").asText()).isEqualTo("daily");
        assertThat(snapshot.at("/metadata/run_id").asText()).isEqualTo(task.runId().toString());
        assertThat(snapshot.at("/metadata/slot").asText()).isEqualTo("2026-11-29T02:00:00Z");
        assertThat(snapshot.at("/metadata/original_project_id").asText()).isEqualTo(P1);
        assertThat(snapshot.at("/metadata/original_volume_id").asText()).isEqualTo(DATA);
    }

    @Test
    void publishesItsResultsCompressed() {
        run(data(null).build(), 1);

        // compressed bytes / uncompressed bytes of the batches this producer sent lately: 1.0 when uncompressed
        Object rate = kafka.getProducer("volume-results-out").unwrap().metrics().entrySet().stream()
                .filter(m -> m.getKey().group().equals("producer-metrics")
                        && m.getKey().name().equals("compression-rate-avg"))
                .map(m -> m.getValue().metricValue()).findFirst().orElseThrow();
        assertThat((Double) rate).as("compression rate of the results' batches").isGreaterThan(0).isLessThan(0.9);
    }

    @Test
    void includesInUseVolumesByForcingAndNamesTheirServer() {
        VolumeTaskV1 task = Tasks.task().slot(SLOT)
                .volume(BOOT, "boot", 20, "in-use", P1, "alpha team", new ServerRef(WEB, "web-1"), null).build();

        assertThat(run(task, 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.CREATED);
            assertThat(r.snapshot().name()).isEqualTo("auto-alpha_team-daily-web-1-boot-20261129-020000");
        });
    }

    @Test
    void redeliveryOfTheSameTaskCreatesNothingTwiceAndRepeatsTheSameEventId() {
        VolumeTaskV1 task = data(null).build();

        List<VolumeResultV1> first = run(task, 1);
        execution.execute(task);
        List<VolumeResultV1> both = Tasks.results(task.runId(), 2);

        assertThat(TestCloud.snapshots(DATA)).hasSize(1);
        assertThat(both).extracting(VolumeResultV1::eventId).containsOnly(first.get(0).eventId());
    }

    @Test
    void theSameTaskRunningTwiceAtOnceInOneInstanceCreatesOneSnapshotReportedUnderOneEventId() {
        double removedBefore = removedDuplicates();

        List<List<VolumeResultV1>> both = twiceAtOnce(volumes, volumes, data(null).build());

        assertThat(both).allSatisfy(results -> assertThat(results).singleElement()
                .extracting(VolumeResultV1::action).isEqualTo(VolumeAction.CREATED));
        assertThat(both.get(1).get(0).eventId()).isEqualTo(both.get(0).get(0).eventId());
        assertThat(TestCloud.snapshots(DATA)).hasSize(1);
        // the two took turns: the second found the first's snapshot and created none to remove
        assertThat(removedDuplicates()).isEqualTo(removedBefore);
    }

    @Test
    void theSameTaskRunningTwiceAtOnceInTwoInstancesLeavesTheFirstSnapshotReportedUnderOneEventId() {
        VolumeExecution secondInstance = new VolumeExecution(cloud, creation, tags, finished, metrics);
        double removedBefore = removedDuplicates();

        List<List<VolumeResultV1>> both = twiceAtOnce(volumes, secondInstance, data(null).build());

        assertThat(both).allSatisfy(results -> assertThat(results).singleElement()
                .extracting(VolumeResultV1::action).isEqualTo(VolumeAction.CREATED));
        assertThat(both.get(1).get(0).eventId()).isEqualTo(both.get(0).get(0).eventId());
        String kept = both.get(0).get(0).snapshot().id();
        assertThat(TestCloud.snapshots(DATA)).filteredOn(s -> !s.get("status").asText().equals("deleting"))
                .singleElement().satisfies(s -> assertThat(s.get("id").asText()).isEqualTo(kept));
        assertThat(removedDuplicates()).isEqualTo(removedBefore + 1);
    }

    /** Runs the task's volume on both executions at the same moment, creates slowed down so that both create. */
    private static List<List<VolumeResultV1>> twiceAtOnce(VolumeExecution first, VolumeExecution second,
                                                          VolumeTaskV1 task) {
        TestCloud.faults(new FaultSettings(null, Map.of("snapshots.create", new FaultSettings.Latency(1000, 0)),
                null, null));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<VolumeResultV1>>> runs = new ArrayList<>();
            for (VolumeExecution execution : List.of(first, second)) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return execution.execute(task, task.volumes().get(0));
                }));
            }
            start.countDown();
            List<List<VolumeResultV1>> results = new ArrayList<>();
            for (Future<List<VolumeResultV1>> run : runs) {
                results.add(run.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            TestCloud.faults(FaultSettings.NONE);
        }
    }

    private double removedDuplicates() {
        Counter counter = meters.find("snapshot.duplicates.removed").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aReDrivenRunOfTheSameSlotReportsTheExistingSnapshotInsteadOfCreating() {
        run(data(null).build(), 1);

        List<VolumeResultV1> again = run(data(null).build(), 1);

        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.SKIPPED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.ALREADY_DONE_THIS_SLOT);
            assertThat(r.snapshot()).isNotNull();
        });
        assertThat(TestCloud.snapshots(DATA)).hasSize(1);
    }

    @Test
    void anotherSlotOfTheSamePolicyCreatesANewSnapshot() {
        run(data(null).build(), 1);

        assertThat(run(data(null).slot(SLOT.plusSeconds(3600)).build(), 1))
                .extracting(VolumeResultV1::action).containsExactly(VolumeAction.CREATED);
        assertThat(TestCloud.snapshots(DATA)).hasSize(2);
    }

    @Test
    void reportsQuotaExhaustionAsQuotaBlocked() {
        cloudWith(Clouds.cloud().project("b0000000000000000000000000000009", "other", null)
                .project(P1, "alpha team", Map.of("snapshots", 0)));

        assertThat(run(data(null).build(), 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.QUOTA_BLOCKED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.QUOTA_SNAPSHOTS);
            assertThat(r.error()).contains("SnapshotLimitExceeded");
        });
    }

    @Test
    void reportsASnapshotThatEndsInErrorAsFailed() {
        TestCloud.faults(new FaultSettings(null, null, null, new FaultSettings.SnapshotFaults(0, 0, 0, 1.0, 0)));

        assertThat(run(data(null).build(), 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.FAILED);
            assertThat(r.snapshot().status()).isEqualTo("error");
        });
    }

    @Test
    void failsASnapshotStuckInCreatingAfterTheTimeoutAndRecordsItsId() {
        TestCloud.faults(new FaultSettings(null, null, null, new FaultSettings.SnapshotFaults(0, 0, 1.0, 0, 0)));

        assertThat(run(data(null).build(), 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.FAILED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.STUCK_CREATING);
            assertThat(r.snapshot().id()).isEqualTo(TestCloud.snapshots(DATA).get(0).get("id").asText());
        });
    }

    @Test
    void skipsAVolumeThatIsGone() {
        VolumeTaskV1 task = Tasks.task().volume("10000000-0000-4000-8000-0000000000ff", "gone", 1, "available", P1,
                "alpha team", null, null).build();

        assertThat(run(task, 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.SKIPPED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.VOLUME_GONE);
        });
    }

    @Test
    void skipsAVolumeWhoseStatusCinderRefuses() {
        VolumeTaskV1 task = Tasks.task().volume(BROKEN, "broken", 1, "available", P1, "alpha team", null, null)
                .build();

        assertThat(run(task, 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.SKIPPED);
            assertThat(r.reason()).isEqualTo(ReasonCodes.VOLUME_STATUS);
            assertThat(r.error()).contains("current status is: error");
        });
    }

    @Test
    void retriesTransientCreateFailuresAndStillCreatesOnlyOne() {
        TestCloud.faults(new FaultSettings(null, null,
                Map.of("snapshots.create", List.of(new FaultSettings.ErrorRule(503, 1.0, 2))), null));

        assertThat(run(data(null).build(), 1)).extracting(VolumeResultV1::action)
                .containsExactly(VolumeAction.CREATED);
        assertThat(TestCloud.snapshots(DATA)).hasSize(1);
    }

    @Test
    void failsWithTheMessageWhenTransientFailuresPersist() {
        TestCloud.faults(new FaultSettings(null, null,
                Map.of("snapshots.create", List.of(new FaultSettings.ErrorRule(500, 1.0, null))), null));

        assertThat(run(data(null).build(), 1)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(VolumeAction.FAILED);
            assertThat(r.error()).contains("500");
        });
        assertThat(TestCloud.snapshots(DATA)).isEmpty();
    }

    @Test
    void appliesRetentionToManagedSnapshotsOfThePolicyOnlyAndNeverToManualOrForeignOnes() {
        cloudWith(Clouds.cloud()
                .snapshot("old-1", DATA, "available", ours("daily"), daysAgo(1))
                .snapshot("old-2", DATA, "available", ours("daily"), daysAgo(2))
                .snapshot("legacy", DATA, "available", Map.of("created_by", "p9_auto_snapshots", "policy", "daily"),
                        daysAgo(3))
                .snapshot("manual", DATA, "available", Map.of(), daysAgo(4))
                .snapshot("foreign", DATA, "available", Map.of("created_by", "backup-tool", "policy", "daily"),
                        daysAgo(5))
                .snapshot("weekly", DATA, "available", ours("weekly"), daysAgo(6)));

        List<VolumeResultV1> results = run(data(new Retention(2, null)).build(), 3);

        assertThat(results).extracting(r -> r.action() + ":" + (r.action() == VolumeAction.CREATED ? "new"
                : r.snapshot().id() + ":" + r.reason())).containsExactlyInAnyOrder("CREATED:new",
                "DELETED:old-2:" + ReasonCodes.RETENTION_KEEP_LAST, "DELETED:legacy:" + ReasonCodes.RETENTION_KEEP_LAST);
        assertThat(results.get(results.size() - 1).action()).as("the volume's outcome comes after its retention")
                .isEqualTo(VolumeAction.CREATED);
        assertThat(TestCloud.snapshots(DATA)).extracting(s -> s.get("id").asText() + ":" + s.get("status").asText())
                .contains("manual:available", "foreign:available", "weekly:available", "old-1:available");
    }

    @Test
    void eachDeletionIsPublishedAsSoonAsCinderAcceptedItNotAtTheEndOfTheVolume() throws Exception {
        cloudWith(Clouds.cloud()
                .snapshot("old-1", DATA, "available", ours("daily"), daysAgo(1))
                .snapshot("old-2", DATA, "available", ours("daily"), daysAgo(2)));
        VolumeTaskV1 task = data(new Retention(1, null)).build();
        TestCloud.faults(new FaultSettings(null, Map.of("snapshots.delete", new FaultSettings.Latency(3000, 0)),
                null, null));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = pool.submit(() -> execution.execute(task));

            // The first delete was accepted; the second one takes three more seconds: a crash now would lose only
            // what is still to come, not the deletion that Cinder already did.
            assertThat(Tasks.results(task.runId(), 1)).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo(VolumeAction.DELETED);
                assertThat(r.snapshot().id()).isEqualTo("old-1");
            });
            assertThat(running.isDone()).as("the volume is still in its retention").isFalse();

            running.get(60, TimeUnit.SECONDS);
            assertThat(Tasks.results(task.runId(), 3)).extracting(r -> r.action() + ":"
                    + (r.action() == VolumeAction.CREATED ? "new" : r.snapshot().id()))
                    .containsExactly("DELETED:old-1", "DELETED:old-2", "CREATED:new");
        } finally {
            pool.shutdownNow();
            TestCloud.faults(FaultSettings.NONE);
        }
    }

    @Test
    void cleansOurErrorSnapshotsOnceANewerOneIsAvailable() {
        cloudWith(Clouds.cloud().snapshot("broken-one", DATA, "error", ours("daily"), daysAgo(1)));

        List<VolumeResultV1> results = run(data(new Retention(5, null)).build(), 2);

        assertThat(results).filteredOn(r -> r.action() == VolumeAction.DELETED).singleElement().satisfies(r -> {
            assertThat(r.snapshot().id()).isEqualTo("broken-one");
            assertThat(r.reason()).isEqualTo(ReasonCodes.RETENTION_ERROR_CLEANUP);
        });
    }

    @Test
    void reportsARefusedDeleteAsDeleteFailed() {
        cloudWith(Clouds.cloud().snapshot("old-1", DATA, "available", ours("daily"), daysAgo(1)));
        TestCloud.faults(new FaultSettings(null, null,
                Map.of("snapshots.delete", List.of(new FaultSettings.ErrorRule(500, 1.0, null))), null));

        List<VolumeResultV1> results = run(data(new Retention(1, null)).build(), 2);

        assertThat(results).filteredOn(r -> r.action() == VolumeAction.DELETE_FAILED).singleElement()
                .satisfies(r -> {
                    assertThat(r.snapshot().id()).isEqualTo("old-1");
                    assertThat(r.error()).contains("500");
                });
        assertThat(TestCloud.snapshots(DATA)).extracting(s -> s.get("id").asText()).contains("old-1");
    }

    @Test
    void aDryRunReportsWhatItWouldCreateAndDeleteAndChangesNothing() {
        cloudWith(Clouds.cloud()
                .snapshot("old-1", DATA, "available", ours("daily"), daysAgo(1))
                .snapshot("old-2", DATA, "available", ours("daily"), daysAgo(2)));

        List<VolumeResultV1> results = run(data(new Retention(2, null)).dryRun().build(), 2);

        assertThat(results).extracting(r -> r.action() + (r.snapshot() == null ? "" : ":" + r.snapshot().id()))
                .containsExactlyInAnyOrder("WOULD_CREATE", "WOULD_DELETE:old-2");
        assertThat(results.get(results.size() - 1).action()).isEqualTo(VolumeAction.WOULD_CREATE);
        assertThat(results).allSatisfy(r -> assertThat(r.dryRun()).isTrue());
        assertThat(TestCloud.snapshots(DATA)).extracting(s -> s.get("id").asText() + ":" + s.get("status").asText())
                .containsExactlyInAnyOrder("old-1:available", "old-2:available");
    }
}
