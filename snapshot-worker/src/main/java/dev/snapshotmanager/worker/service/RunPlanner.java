package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.CloudSnapshot;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.domain.Batches;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Plans a requested run (ARCHITECTURE.md, step 2): one inventory read (published meanwhile on its own thread), the
 * policy's volumes from policy-service, skips, max-new and the quota pre-check ({@link PlanSelection}), then
 * per-project batches published as volume tasks with the immediate SKIPPED / QUOTA_BLOCKED results and, once the
 * broker acknowledged them, the {@link RunPlannedV1}. Events the broker refuses for a transient reason (an outage, a
 * leader election) are published again, the same events, with backoff for up to
 * {@code plan-publish-retry-max-duration} ({@link PlanPublishing}); nothing is planned or read again meanwhile, and the
 * run is still reported as PLANNING. The inventory is best effort: a failure to publish it is logged, never a failure
 * of the plan.
 */
@ApplicationScoped
public class RunPlanner {

    private static final Logger LOG = Logger.getLogger(RunPlanner.class);

    private final OpenStackClient cloud;
    private final PlanSelection selection;
    private final InventorySync inventorySync;
    private final PlanPublishing publishing;
    private final WorkerConfig config;
    private final ExecutorService inventoryPool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plan-inventory");
        t.setDaemon(true);
        return t;
    });

    public RunPlanner(OpenStackClient cloud, PlanSelection selection, InventorySync inventorySync,
                      PlanPublishing publishing, WorkerConfig config) {
        this.cloud = cloud;
        this.selection = selection;
        this.inventorySync = inventorySync;
        this.publishing = publishing;
        this.config = config;
    }

    /**
     * Plans the run and publishes the plan.
     *
     * @throws PlanPartlyPublishedException when publishing failed for good (a permanent refusal, or a transient one
     *                                      that outlasted {@code plan-publish-retry-max-duration}) after a volume
     *                                      task went out (not a planning failure: the tasks may run); any other
     *                                      exception: no task went out
     */
    public RunPlannedV1 plan(RunRequestedV1 request) {
        long started = System.nanoTime();
        CloudInventory inventory = cloud.inventory();
        long listed = System.nanoTime();
        // The inventory goes out while the plan is made; the request is acknowledged only after both.
        CompletableFuture<InventorySync.Published> inventoryPublished = CompletableFuture.supplyAsync(
                () -> inventorySync.publish(inventory, false), inventoryPool);
        PlanSelection.Selected selected;
        try {
            selected = selection.select(request, new Volumes(inventory));
        } catch (RuntimeException e) {
            inventoryPublished.cancel(false);
            throw e;
        }
        long chosen = System.nanoTime();
        RunPlannedV1 planned;
        try {
            planned = publish(request, selected);
        } finally {
            awaitInventory(request, inventoryPublished);
        }
        long done = System.nanoTime();
        LOG.infof("Planned run %s (%s): %d to create in %d batch(es), %d skipped, %d quota-blocked in %d ms "
                        + "(inventory read %d ms, selection %d ms, publishing %d ms)",
                request.runId(), policyName(request.policy()), planned.toCreate(), planned.batchCount(),
                planned.skipped(), planned.quotaBlocked(), millis(started, done), millis(started, listed),
                millis(listed, chosen), millis(chosen, done));
        return planned;
    }

    /**
     * Builds the plan's events once and publishes them ({@link PlanPublishing}): the tasks and the immediate results,
     * then, once all are acknowledged, the {@link RunPlannedV1}: the last event of a plan, so a run-service that has
     * it has everything. Events the broker refuses for a transient reason are published again, the same ones, until
     * {@code plan-publish-retry-max-duration}; a failure for good after a task was handed to the broker is a
     * {@link PlanPartlyPublishedException}.
     */
    private RunPlannedV1 publish(RunRequestedV1 request, PlanSelection.Selected selected) {
        List<List<TaskVolume>> batches = Batches.of(selected.toCreate(), v -> v.tenant().projectId(),
                config.batchSize());
        Instant now = Instant.now();
        List<VolumeTaskV1> tasks = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            List<TaskVolume> batch = batches.get(i);
            tasks.add(new VolumeTaskV1(taskId(request.runId(), i), request.runId(), request.policy(),
                    request.slot(), request.dryRun(), batch.get(0).tenant().projectId(), i, batches.size(), batch,
                    now));
        }
        List<VolumeResultV1> immediate = selected.results();
        int quotaBlocked = (int) immediate.stream().filter(r -> r.action() == VolumeAction.QUOTA_BLOCKED).count();
        int projects = (int) selected.toCreate().stream().map(v -> v.tenant().projectId()).distinct().count();
        return publishing.publish(request.runId(), tasks, immediate, () -> new RunPlannedV1(request.runId(),
                request.policy(), request.slot(), request.dryRun(), selected.toCreate().size() + immediate.size(),
                selected.toCreate().size(), immediate.size() - quotaBlocked, quotaBlocked, batches.size(), projects,
                Instant.now()));
    }

    /**
     * Waits for the plan's inventory to be published. A failure (counted by {@link InventorySync}) is logged here,
     * never a planning failure: the plan is out, and the next inventory sync publishes what this one did not.
     */
    private static void awaitInventory(RunRequestedV1 request,
                                       CompletableFuture<InventorySync.Published> published) {
        try {
            published.join();
        } catch (CancellationException | CompletionException e) {
            LOG.warnf("Run %s: the inventory listed for its plan was not published (the plan is not affected; the "
                    + "next inventory sync publishes it): %s", request.runId(), unwrap(e).getMessage());
        }
    }

    /** The same run and batch always get the same task id, so a re-planned run's tasks are recognisable. */
    static UUID taskId(UUID runId, int batchIndex) {
        return UUID.nameUUIDFromBytes((runId + "|task|" + batchIndex).getBytes(StandardCharsets.UTF_8));
    }

    private static String policyName(PolicyRef policy) {
        return policy == null ? "no policy" : policy.policyName();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @PreDestroy
    void stop() {
        inventoryPool.shutdownNow();
    }

    /** Results of a planning decision about one volume (used by {@link PlanSelection}). */
    static VolumeResultV1 result(RunRequestedV1 request, TaskVolume volume, VolumeAction action, String reason,
                                 String error) {
        return new ResultBuilder(request.runId(), request.policy(), request.slot(), request.dryRun(), volume)
                .result(action, reason, error, (CloudSnapshot) null);
    }

    static boolean isSkipStatus(String status) {
        return "error".equals(status) || "deleting".equals(status) || "error_deleting".equals(status);
    }
}
