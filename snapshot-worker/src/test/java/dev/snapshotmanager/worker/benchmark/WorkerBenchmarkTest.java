package dev.snapshotmanager.worker.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotmanager.emulator.faults.FaultSettings;
import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.Retention;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.Topics;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.client.OpenStackSessions;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.service.VolumeExecution;
import dev.snapshotmanager.worker.service.Volumes;
import dev.snapshotmanager.worker.support.Clouds;
import dev.snapshotmanager.worker.support.PolicyDouble;
import dev.snapshotmanager.worker.support.Tasks;
import dev.snapshotmanager.worker.support.TestCloud;
import dev.snapshotmanager.worker.support.Topic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark (a command, not part of the regular build):
 * <pre>
 * mvn -pl snapshot-worker verify -Dtest=WorkerBenchmarkTest -Dsnapshot.benchmark=true \
 *   -Dsnapshot.worker.concurrency=200 -Dsnapshot.worker.max-new=1000000 ...
 * </pre>
 * A generated cloud of {@code projects x volumes-per-project} volumes, 50 ms per OpenStack call, 2 s from
 * {@code creating} to {@code available}; a real run from {@code RunRequestedV1} to its last result, next to the bound
 * {@code N x t / C} and to the reference system's strategy (one volume at a time, batches of 20 with 5 s pauses),
 * measured on a sample with the same code path and extrapolated. Figures go to {@code target/benchmark.txt}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "snapshot.benchmark", matches = "true")
class WorkerBenchmarkTest {

    static final long CALL_MS = 50;
    static final long AVAILABLE_MS = 2000;

    @Inject
    OpenStackClient cloud;

    @Inject
    OpenStackSessions sessions;

    @Inject
    VolumeExecution execution;

    @Inject
    WorkerConfig config;

    @Test
    void measuresARealRunAgainstTheBoundAndTheOldStrategy() throws IOException {
        int projects = Integer.getInteger("snapshot.benchmark.projects", 100);
        int perProject = Integer.getInteger("snapshot.benchmark.volumes-per-project", 100);
        int sample = Integer.getInteger("snapshot.benchmark.old-strategy-sample", 10);
        int n = projects * perProject;
        sessions.invalidateAll();
        Clouds.cloud().generatedWithRoles(projects, perProject).load();
        CloudInventory inventory = cloud.inventory();
        PolicyDouble decisions = PolicyDouble.decisions();
        inventory.volumes().forEach(v -> decisions.applies(v.id(), Tasks.DAILY, new Retention(5, null)));
        decisions.install();
        TestCloud.faults(new FaultSettings(null, Map.of("*", new FaultSettings.Latency(CALL_MS, 0)), null,
                new FaultSettings.SnapshotFaults(AVAILABLE_MS, 0, 0, 0, 0)));

        Instant slot = Instant.now();
        RunRequestedV1 request = new RunRequestedV1(UUID.randomUUID(), Tasks.DAILY, slot, false,
                RunTrigger.MANUAL, null, "benchmark", "benchmark", slot);
        long started = System.nanoTime();
        Topic.publish(Topics.RUN_REQUESTED, request.runId().toString(), request, CloudEventAttributes.of(
                EventType.RUN_REQUESTED, UUID.randomUUID().toString(), "/benchmark", request.runId().toString(), slot));
        List<VolumeResultV1> results = Tasks.results(request.runId(), n, Duration.ofMinutes(30));
        double wall = (System.nanoTime() - started) / 1e9;
        long created = results.stream().filter(r -> r.action() == VolumeAction.CREATED).count();

        int c = config.concurrency();
        double t = (3 * CALL_MS + AVAILABLE_MS) / 1000.0;
        double bound = n * t / c;

        Volumes names = new Volumes(inventory);
        Instant oldSlot = slot.plusSeconds(3600);
        long oldStarted = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            var v = inventory.volumes().get(i);
            var task = new VolumeTaskV1(UUID.randomUUID(), UUID.randomUUID(), Tasks.DAILY, oldSlot, false,
                    v.projectId(), 0, 1, List.of(names.task(v, null)), Instant.now());
            execution.execute(task, task.volumes().get(0));
        }
        double perVolumeOld = (System.nanoTime() - oldStarted) / 1e9 / sample;
        double oldTotal = n * perVolumeOld + Math.max(0, Math.ceil(n / 20.0) - 1) * 5;

        String report = String.format("""
                snapshot-worker benchmark
                volumes N=%d in %d projects, %d ms per OpenStack call, %d ms creating->available
                concurrency C=%d, per-project %d, batch %d, poll %s..%s
                real run (RunRequestedV1 -> last result): %.1f s, %d CREATED of %d results
                bound N x t / C with t = 3 calls + available = %.2f s: %.1f s -> ratio %.2f (goal <= 1.25)
                old strategy (one at a time, batches of 20, 5 s pauses): %.2f s per volume on a %d-volume sample
                  -> %.0f s (%.1f h) for N, %.0fx slower than the real run
                """, n, projects, CALL_MS, AVAILABLE_MS, c, config.perProjectConcurrency(), config.batchSize(),
                config.pollInitialInterval(), config.pollMaxInterval(), wall, created, results.size(), t, bound,
                wall / bound, perVolumeOld, sample, oldTotal, oldTotal / 3600, oldTotal / wall);
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark.txt"), report);
        assertThat(created).isEqualTo(n);
    }
}
