package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.messaging.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Executes a volume task: its volumes run on this instance's bounded pool ({@code snapshot.worker.concurrency}), at
 * most {@code per-project-concurrency} of one project at a time; each volume's results are published as soon as it
 * is done. {@link #execute} returns only when every result of the task is acknowledged by the broker, so the task's
 * offset is never committed before its results are safe. While a task runs, {@link RunHeartbeats} reports its run.
 */
@ApplicationScoped
public class TaskExecution {

    private static final Logger LOG = Logger.getLogger(TaskExecution.class);

    private final VolumeExecution volumes;
    private final EventPublisher publisher;
    private final WorkerConfig config;
    private final WorkerMetrics metrics;
    private final RunHeartbeats heartbeats;
    private final ExecutorService pool;
    private final Map<String, Semaphore> perProject = new ConcurrentHashMap<>();

    public TaskExecution(VolumeExecution volumes, EventPublisher publisher, WorkerConfig config,
                         WorkerMetrics metrics, RunHeartbeats heartbeats) {
        this.volumes = volumes;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.heartbeats = heartbeats;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), r -> {
            Thread t = new Thread(r, "volume-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void execute(VolumeTaskV1 task) {
        metrics.tasksInFlight().incrementAndGet();
        heartbeats.taskStarted(task.runId());
        try {
            Semaphore permits = perProject.computeIfAbsent(task.projectId(),
                    p -> new Semaphore(Math.max(1, config.perProjectConcurrency())));
            List<CompletableFuture<Void>> published = new ArrayList<>();
            for (TaskVolume volume : task.volumes()) {
                permits.acquireUninterruptibly();
                metrics.volumesInFlight().incrementAndGet();
                // a deletion's result is sent the moment Cinder answered it, the volume's other results at its end;
                // the volume is done when all of them are acknowledged
                List<CompletableFuture<Void>> deletions = new ArrayList<>();
                published.add(CompletableFuture.supplyAsync(() -> safely(task, volume,
                                deletion -> deletions.add(publisher.result(deletion))), pool)
                        .whenComplete((r, e) -> {
                            permits.release();
                            metrics.volumesInFlight().decrementAndGet();
                        })
                        .thenCompose(results -> CompletableFuture.allOf(publisher.results(results),
                                CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)))));
            }
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();
            LOG.infof("Task %s of run %s done: %d volume(s) of project %s", task.taskId(), task.runId(),
                    task.volumes().size(), task.projectId());
        } finally {
            heartbeats.taskEnded(task.runId());
            metrics.tasksInFlight().decrementAndGet();
        }
    }

    private List<VolumeResultV1> safely(VolumeTaskV1 task, TaskVolume volume, Consumer<VolumeResultV1> deletions) {
        try {
            return volumes.execute(task, volume, deletions);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Volume %s of run %s failed unexpectedly", volume.volume().id(), task.runId());
            return List.of(new ResultBuilder(task.runId(), task.policy(), task.slot(), task.dryRun(), volume)
                    .result(VolumeAction.FAILED, null, String.valueOf(e.getMessage()),
                            (dev.snapshotmanager.worker.client.CloudSnapshot) null));
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
