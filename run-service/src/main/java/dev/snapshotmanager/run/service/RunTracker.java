package dev.snapshotmanager.run.service;

import dev.snapshotmanager.common.time.ClockLead;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.events.WorkerPhase;
import dev.snapshotmanager.outbox.ProcessedEvents;
import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunRules;
import dev.snapshotmanager.run.repository.RunRepository;
import dev.snapshotmanager.run.repository.VolumeOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies the worker's reports to runs, idempotently: the processed-event record is written in the same transaction
 * as the counter update, so a duplicate or redelivered event changes nothing.
 */
@ApplicationScoped
public class RunTracker {

    public static final String PLANNED_CONSUMER = "run-service.run-planned";
    public static final String RESULTS_CONSUMER = "run-service.volume-results";
    private static final Logger LOG = Logger.getLogger(RunTracker.class);

    @Inject
    RunRepository runs;

    @Inject
    ProcessedEvents processed;

    @Inject
    VolumeOutcomes outcomes;

    @Inject
    RunEvents events;

    @Inject
    RunsConfig config;

    @Inject
    Clock clock;

    /** Planning finished: totals, RUNNING (or SKIPPED when nothing was planned). Keyed by the run: planned once. */
    @Transactional
    public void planned(RunPlannedV1 plan) {
        if (!processed.markProcessed(PLANNED_CONSUMER, plan.runId().toString())) {
            return;
        }
        Optional<Run> found = runs.lock(plan.runId());
        if (found.isEmpty()) {
            LOG.warnf("run-planned for unknown run %s ignored", plan.runId());
            return;
        }
        Run run = found.get();
        Instant now = clock.instant();
        RunRules.Change change = RunRules.planned(run, plan, now);
        announce(run, change, now);
    }

    /**
     * One volume's result: counters, progress, and the end of the run when every volume is accounted for. A volume's
     * create outcomes (CREATED, FAILED, SKIPPED, QUOTA_BLOCKED ...) count once per volume, the latest by
     * {@code occurredAt} ({@link VolumeOutcomes}): the worker may report a different outcome for the same volume
     * later (a retry, a redelivery after a crash), and results may arrive out of order. Retention results are
     * de-duplicated by event id only. Once a finished run's outcomes were pruned ({@link VolumeOutcomePruner}), a
     * create outcome of it is ignored: it could not be told from the volume's first, and counting it would count the
     * volume twice. A create outcome's {@code occurredAt} counts at most as this service's clock: a worker clock
     * running ahead would otherwise make its outcome the volume's latest for good, and hide the outcomes after it.
     */
    @Transactional
    public void result(VolumeResultV1 result) {
        if (!processed.markProcessed(RESULTS_CONSUMER, result.eventId())) {
            return;
        }
        Optional<Run> found = runs.lock(result.runId());
        if (found.isEmpty()) {
            LOG.warnf("volume-result %s for unknown run %s ignored", result.eventId(), result.runId());
            return;
        }
        Run run = found.get();
        Instant now = clock.instant();
        if (!RunRules.isCreateOutcome(result.action())) {
            announce(run, RunRules.result(run, result, now), now);
            return;
        }
        if (!run.volumeOutcomesKept()) {
            LOG.infof("%s of volume %s for run %s ignored: the run finished at %s and its volume outcomes were pruned "
                    + "(snapshot.runs.outcome-retention)", result.action(), result.volume().id(), run.id(),
                    run.finishedAt());
            return;
        }
        if (ClockLead.noticeable(result.occurredAt(), now)) {
            LOG.warnf("%s of volume %s for run %s occurred at %s, ahead of this service's clock (%s): counted as now",
                    result.action(), result.volume().id(), run.id(), result.occurredAt(), now);
        }
        Instant occurredAt = ClockLead.capped(result.occurredAt(), now);
        VolumeOutcomes.Recorded recorded = outcomes.record(run.id(), result.volume().id(), result.action(),
                occurredAt);
        announce(run, recorded.latest() ? RunRules.result(run, result, recorded.replaced(), now)
                : RunRules.superseded(run, now), now);
    }

    /**
     * A worker heartbeat: moves the run's last heartbeat forward, starts PLANNING on a REQUESTED run, and fails the
     * run when planning failed for good ({@link WorkerPhase#PLANNING_FAILED}) before the run was planned.
     *
     * <p>No processed-event record is kept per heartbeat (there is one every few seconds per run): every effect is
     * idempotent by itself. The heartbeat time only moves forward ({@link RunRepository#recordHeartbeat}), so a
     * duplicate or an older heartbeat delivered late changes nothing; REQUESTED -> PLANNING happens once; a
     * PLANNING_FAILED finalizes an active run, and a duplicate finds it finished. The time is the worker's
     * {@code sentAt}, capped at this service's clock so that a worker clock running ahead cannot keep a run alive.
     */
    @Transactional
    public void heartbeat(RunHeartbeatV1 beat) {
        Instant now = clock.instant();
        Instant at = ClockLead.capped(beat.sentAt(), now);
        boolean latest = runs.recordHeartbeat(beat.runId(), beat.workerId(), at);
        if (beat.phase() == WorkerPhase.PLANNING_FAILED) {
            runs.lock(beat.runId()).filter(Run::isActive).ifPresent(run -> planningFailed(run, beat, now));
            return;
        }
        if (latest && runs.statusOf(beat.runId()).orElse(null) == RunStatus.REQUESTED) {
            runs.lock(beat.runId()).filter(run -> RunRules.planningStarted(run, now))
                    .ifPresent(run -> events.lifecycle(run, LifecycleEvent.PROGRESS));
        }
    }

    /**
     * A planning failure fails a run that is not planned yet. A run already planned (its volume tasks are out) is not
     * failed by it: a worker may report it when a send failed after the tasks went out, or a slow first attempt's
     * planner may fail after a re-drive's attempt planned the run. Its results decide; the failure is logged and kept
     * in the error summary.
     */
    private void planningFailed(Run run, RunHeartbeatV1 beat, Instant now) {
        if (run.planned()) {
            LOG.warnf("PLANNING_FAILED from worker %s for run %s ignored: the run is already planned (%s); error: %s",
                    beat.workerId(), run.id(), run.status(), beat.error());
            RunRules.planningFailedAfterPlan(run, beat.workerId(), beat.error());
            return;
        }
        RunRules.planningFailed(run, now, beat.workerId(), beat.error());
        events.lifecycle(run, LifecycleEvent.FAILED);
    }

    private void announce(Run run, RunRules.Change change, Instant now) {
        if (change.started()) {
            events.lifecycle(run, LifecycleEvent.STARTED);
        }
        if (change.finished().isPresent()) {
            events.lifecycle(run, RunEvents.terminalEvent(change.finished().get()));
        } else if (!change.started() && change.countersChanged() && run.isActive() && progressDue(run, now)) {
            run.progressEventPublished(now);
            events.lifecycle(run, LifecycleEvent.PROGRESS);
        }
    }

    private boolean progressDue(Run run, Instant now) {
        Instant last = run.lastProgressEventAt();
        return last == null || !Duration.between(last, now).minus(config.progressEventInterval()).isNegative();
    }
}
