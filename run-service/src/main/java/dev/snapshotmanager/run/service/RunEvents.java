package dev.snapshotmanager.run.service;

import dev.snapshotmanager.events.EventJson;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.RunCounters;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunScope;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.outbox.Outbox;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunChanged;
import dev.snapshotmanager.run.domain.RunRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a run's events to the outbox in the caller's transaction (so they commit with the run row) and announces
 * the change to in-process observers after the commit.
 */
@ApplicationScoped
public class RunEvents {

    @Inject
    Outbox outbox;

    @Inject
    Event<RunChanged> changed;

    @Inject
    Clock clock;

    /**
     * RunRequestedV1 for the worker, and the REQUESTED lifecycle event. Also used to re-drive a stale run: the same
     * payload again (same run id and slot, a new event id), the lifecycle event carrying the REDRIVEN reason.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requested(Run run) {
        RunRequestedV1 requested = new RunRequestedV1(run.id(), policyOf(run), run.slot(), run.dryRun(),
                run.trigger(), scopeOf(run), run.requestedBy(), run.requestReason(), run.requestedAt());
        outbox.append(EventType.RUN_REQUESTED, run.id().toString(), run.id().toString(), requested);
        lifecycle(run, LifecycleEvent.REQUESTED);
    }

    /** A RunLifecycleV1 event with the run's current state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lifecycle(Run run, LifecycleEvent event) {
        RunLifecycleV1 payload = payloadOf(run, event, clock.instant());
        outbox.append(EventType.RUN_LIFECYCLE, run.id().toString(), run.id().toString(), payload);
        changed.fire(new RunChanged(payload, run.allTenants() ? null : run.tenants()));
    }

    /** The lifecycle payload of a run as it is now. */
    public static RunLifecycleV1 payloadOf(Run run, LifecycleEvent event, Instant now) {
        return new RunLifecycleV1(run.id(), event, run.status(), policyOf(run), run.trigger(), run.dryRun(),
                run.slot(), countersOf(run), RunRules.progressPercent(run), RunRules.eta(run, now).orElse(null),
                run.requestedAt(), run.startedAt(), run.finishedAt(),
                RunRules.duration(run).map(Duration::toMillis).orElse(null), run.statusReason(), now);
    }

    /**
     * The run's current state as a lifecycle payload: its terminal event once finished, REQUESTED before a worker
     * took it, PROGRESS otherwise.
     */
    public static RunLifecycleV1 currentOf(Run run, Instant now) {
        LifecycleEvent event = run.status().isTerminal() ? terminalEvent(run.status())
                : run.status() == RunStatus.REQUESTED ? LifecycleEvent.REQUESTED : LifecycleEvent.PROGRESS;
        return payloadOf(run, event, now);
    }

    /**
     * How far a run has come, growing with every change of one run: the status (requested, planning, running,
     * finished) first, then the counted results.
     */
    public static long progressOf(RunLifecycleV1 event) {
        RunStatus status = event.status();
        long stage = status.isTerminal() ? 3 : switch (status) {
            case REQUESTED -> 0;
            case PLANNING -> 1;
            default -> 2;
        };
        RunCounters c = event.counters();
        long counted = c == null ? 0 : (long) c.created() + c.deleted() + c.failed() + c.skipped() + c.quotaBlocked();
        return (stage << 40) + counted;
    }

    /** The lifecycle event that announces a terminal status. */
    public static LifecycleEvent terminalEvent(RunStatus status) {
        return LifecycleEvent.valueOf(status.name());
    }

    /** The counters, or {@code null} before anything was planned or counted. */
    public static RunCounters countersOf(Run run) {
        if (!run.planned() && run.volumesDone() == 0 && run.deleted() == 0 && run.failed() == 0) {
            return null;
        }
        return new RunCounters(run.totalVolumes(), run.created(), run.deleted(), run.failed(), run.skipped(),
                run.quotaBlocked(), run.batchesTotal(), run.batchesCompleted());
    }

    public static PolicyRef policyOf(Run run) {
        return new PolicyRef(run.policySetId(), run.policySetName(), run.policyName());
    }

    public static RunScope scopeOf(Run run) {
        return run.scopeJson() == null ? null : EventJson.fromJson(run.scopeJson(), RunScope.class);
    }
}
