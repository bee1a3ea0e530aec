package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.VolumeTaskV1;
import dev.snapshotmanager.worker.client.CinderException;
import dev.snapshotmanager.worker.client.CloudSnapshot;
import dev.snapshotmanager.worker.client.DeleteOutcome;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.domain.RetentionRules;
import dev.snapshotmanager.worker.domain.SnapshotTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What the worker does to one volume of a task (DOMAIN.md): look for this slot's snapshot (never create twice),
 * create and wait, then apply retention to the volume's managed snapshots of the policy. Every action yields one
 * {@link VolumeResultV1}; a dry run only reads and reports WOULD_CREATE / WOULD_DELETE. The volume's outcome
 * (created, skipped, failed ...) is the last of its results.
 */
@ApplicationScoped
public class VolumeExecution {

    private static final Logger LOG = Logger.getLogger(VolumeExecution.class);
    /** Which of a slot's snapshots stays when it has several: the first created, then the lowest id. */
    private static final Comparator<CloudSnapshot> FIRST_CREATED = Comparator.comparing(CloudSnapshot::createdAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(CloudSnapshot::id);
    /** The policy tag of an ad-hoc run without a policy. */
    static final String NO_POLICY = "run-now";

    private final OpenStackClient cloud;
    private final SnapshotCreation creation;
    private final SnapshotTags tags;
    private final FinishedRuns finished;
    private final WorkerMetrics metrics;
    /** Executions in progress in this instance, by volume, policy and slot. */
    private final Map<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();

    public VolumeExecution(OpenStackClient cloud, SnapshotCreation creation, SnapshotTags tags,
                           FinishedRuns finished, WorkerMetrics metrics) {
        this.cloud = cloud;
        this.creation = creation;
        this.tags = tags;
        this.finished = finished;
        this.metrics = metrics;
    }

    /** The policy tag written on snapshots of a run of {@code policy}. */
    static String policyTag(PolicyRef policy) {
        return policy == null ? NO_POLICY : policy.policyName();
    }

    /** Executes the volume; every result, its retention's included, is returned (retention's first). */
    public List<VolumeResultV1> execute(VolumeTaskV1 task, TaskVolume volume) {
        List<VolumeResultV1> deletions = new ArrayList<>();
        List<VolumeResultV1> rest = execute(task, volume, deletions::add);
        deletions.addAll(rest);
        return deletions;
    }

    /**
     * Executes the volume; each result of its retention (DELETED, DELETE_FAILED, WOULD_DELETE) goes to
     * {@code retentionResults} as soon as Cinder answered that delete, and the other results are returned. So a
     * worker that dies in the middle of a volume's retention has published the deletions Cinder accepted: on
     * redelivery those snapshots are gone or {@code deleting} and are not selected again, so their results would
     * otherwise be lost.
     */
    public List<VolumeResultV1> execute(VolumeTaskV1 task, TaskVolume volume,
                                        Consumer<VolumeResultV1> retentionResults) {
        // The same task delivered twice (a re-plan, a rebalance) may run twice at once in this instance: one at a
        // time per volume, policy and slot, so the second finds the first's snapshot instead of creating another.
        String slot = volume.volume().id() + "|" + policyTag(task.policy()) + "|" + task.slot();
        while (true) {
            CountDownLatch mine = new CountDownLatch(1);
            CountDownLatch other = inFlight.putIfAbsent(slot, mine);
            if (other == null) {
                try {
                    return executeAlone(task, volume, retentionResults);
                } finally {
                    inFlight.remove(slot, mine);
                    mine.countDown();
                }
            }
            try {
                other.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the same volume and slot ran", e);
            }
        }
    }

    private List<VolumeResultV1> executeAlone(VolumeTaskV1 task, TaskVolume volume,
                                              Consumer<VolumeResultV1> retentionResults) {
        MDC.put("runId", task.runId().toString());
        MDC.put("volumeId", volume.volume().id());
        try {
            List<VolumeResultV1> results = run(task, volume, r -> {
                metrics.action(r.action().name());
                retentionResults.accept(r);
            });
            results.forEach(r -> metrics.action(r.action().name()));
            return results;
        } finally {
            MDC.remove("runId");
            MDC.remove("volumeId");
        }
    }

    private List<VolumeResultV1> run(VolumeTaskV1 task, TaskVolume volume, Consumer<VolumeResultV1> retentionResults) {
        ResultBuilder results = new ResultBuilder(task.runId(), task.policy(), task.slot(), task.dryRun(), volume);
        Optional<RunStatus> finishedAs = finished.statusOf(task.runId());
        if (finishedAs.isPresent()) {
            // run-service has finished the run (cancelled, failed as WORKER_LOST, ...): its status never changes
            // again, so no new snapshot for it.
            return List.of(results.skipped(FinishedRuns.skipReason(finishedAs.get()), "run " + task.runId()
                    + " is already " + finishedAs.get() + " in run-service", null));
        }
        String policy = policyTag(task.policy());
        String projectId = volume.tenant().projectId();
        List<CloudSnapshot> snapshots;
        try {
            snapshots = new ArrayList<>(cloud.snapshotsOfVolume(projectId, volume.volume().id()));
        } catch (CinderException e) {
            return List.of(results.result(VolumeAction.FAILED, null, e.getMessage(), (CloudSnapshot) null));
        }
        List<VolumeResultV1> out = new ArrayList<>();
        Optional<CloudSnapshot> ofSlot = snapshots.stream().filter(s -> tags.isOfSlot(s, policy, task.slot()))
                .findFirst();
        if (ofSlot.isPresent() && !task.runId().toString().equals(SnapshotTags.runOf(ofSlot.get()))) {
            out.add(results.skipped(ReasonCodes.ALREADY_DONE_THIS_SLOT, null, ofSlot.get()));
        } else if (task.dryRun()) {
            out.add(results.result(VolumeAction.WOULD_CREATE, null, null, (CloudSnapshot) null));
            snapshots.add(new CloudSnapshot("(new)", null, volume.volume().id(), "available", volume.volume().sizeGb(),
                    Instant.now(), tags.metadata(policy, task.runId(), task.slot(), projectId, volume.volume().id())));
        } else {
            SnapshotCreation.Outcome outcome = ofSlot.isPresent()
                    // Redelivered after a crash: this run already created it; finish the wait, report it (same id).
                    ? creation.await(results, projectId, ofSlot.get(), Instant.now())
                    : keepFirstOfSlot(results, task, policy, projectId,
                            creation.create(results, task.runId(), policy, task.slot(), volume));
            out.add(outcome.result());
            if (ReasonCodes.VOLUME_GONE.equals(outcome.result().reason())) {
                return out;
            }
            if (outcome.snapshot() != null) {
                snapshots.removeIf(s -> s.id().equals(outcome.snapshot().id()));
                snapshots.add(outcome.snapshot());
            }
        }
        // Retention's results go out before the volume's outcome (each as soon as Cinder answered its delete): results
        // are keyed by volume, so they arrive in this order, and run-service counts a volume done at its outcome. A
        // run thus finishes with its deletions counted, and its FINISHED event carries them.
        retention(task, volume, results, policy, snapshots, retentionResults);
        return out;
    }

    /**
     * Another instance may have run the same task at the same moment (a rebalance hands over tasks still in progress;
     * a re-plan publishes them again): both listed no snapshot of the slot, and both created one. So after creating,
     * the slot's snapshots are listed again and the first created (then the lowest id) stays. An instance whose own
     * snapshot is not that one deletes its own and reports the one that stays: for the same run, by waiting for it as
     * its creator does (the same result and event id); for another run, as done in this slot already.
     */
    private SnapshotCreation.Outcome keepFirstOfSlot(ResultBuilder results, VolumeTaskV1 task, String policy,
                                                     String projectId, SnapshotCreation.Outcome outcome) {
        CloudSnapshot ours = outcome.snapshot();
        if (ours == null) {
            return outcome;
        }
        Optional<CloudSnapshot> first;
        try {
            first = cloud.snapshotsOfVolume(projectId, ours.volumeId()).stream()
                    .filter(s -> tags.isOfSlot(s, policy, task.slot())).min(FIRST_CREATED);
        } catch (CinderException e) {
            return outcome; // cannot tell; a duplicate is found by the next check of this slot at the latest
        }
        if (first.isEmpty() || first.get().id().equals(ours.id())) {
            return outcome;
        }
        LOG.warnf("Snapshot %s duplicates %s of the same slot (the task ran twice at once); deleting it", ours.id(),
                first.get().id());
        metrics.duplicateRemoved();
        try {
            DeleteOutcome deleted = cloud.deleteSnapshot(projectId, ours.id());
            if (!deleted.accepted()) {
                LOG.warnf("Deleting duplicate snapshot %s was refused: %s (%d)", ours.id(), deleted.fault(),
                        deleted.code());
            }
        } catch (CinderException e) {
            LOG.warnf("Deleting duplicate snapshot %s failed: %s", ours.id(), e.getMessage());
        }
        if (task.runId().toString().equals(SnapshotTags.runOf(first.get()))) {
            return creation.await(results, projectId, first.get(), Instant.now());
        }
        return new SnapshotCreation.Outcome(results.skipped(ReasonCodes.ALREADY_DONE_THIS_SLOT, null, first.get()),
                first.get());
    }

    private void retention(VolumeTaskV1 task, TaskVolume volume, ResultBuilder results, String policy,
                           List<CloudSnapshot> snapshots, Consumer<VolumeResultV1> out) {
        int actions = 0;
        for (RetentionRules.Deletion deletion : RetentionRules.select(snapshots, policy, volume.retention(),
                Instant.now(), tags)) {
            CloudSnapshot s = deletion.snapshot();
            actions++;
            if (task.dryRun()) {
                out.accept(results.result(VolumeAction.WOULD_DELETE, deletion.reason(), null, s));
                continue;
            }
            try {
                DeleteOutcome deleted = cloud.deleteSnapshot(volume.tenant().projectId(), s.id());
                out.accept(deleted.accepted()
                        ? results.result(VolumeAction.DELETED, deletion.reason(), null, s.withStatus("deleting"))
                        : results.result(VolumeAction.DELETE_FAILED, deletion.reason(),
                        deleted.fault() + " (" + deleted.code() + ")", s));
            } catch (CinderException e) {
                out.accept(results.result(VolumeAction.DELETE_FAILED, deletion.reason(), e.getMessage(), s));
            }
        }
        if (actions > 0) {
            LOG.debugf("Retention of %s for policy %s: %d action(s)", volume.volume().id(), policy, actions);
        }
    }
}
