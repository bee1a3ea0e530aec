package dev.snapshotmanager.run.service;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.run.config.RunsConfig.StaleAction;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunRules;
import dev.snapshotmanager.run.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * A run never stays active forever: an active run with neither planning/results nor a worker heartbeat for
 * {@code snapshot.runs.stale-after} is finalized as FAILED with reason WORKER_LOST, and the change is evented.
 *
 * <p>With {@code stale-action=REDRIVE}, a stale run that has no plan yet (REQUESTED or PLANNING) is requested again
 * instead: status REQUESTED, attempt + 1, a new RunRequestedV1 for the same run id and a REQUESTED lifecycle event
 * with reason REDRIVEN, all through the outbox in one transaction. After {@code max-redrives} it fails as WORKER_LOST.
 * A RUNNING run is never re-driven: its volume tasks are already out.
 */
@ApplicationScoped
public class StaleRunSweeper {

    @Inject
    RunRepository runs;

    @Inject
    RunEvents events;

    @Inject
    StaleRunPolicy policy;

    /** Fails (or re-drives) the stale runs as of {@code now}; returns how many. */
    public int sweep(Instant now) {
        Instant before = now.minus(policy.staleAfter());
        int handled = 0;
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> runs.staleIds(before, 500))) {
            boolean done = QuarkusTransaction.requiringNew().call(() -> handleIfStale(id, before, now));
            handled += done ? 1 : 0;
        }
        return handled;
    }

    private boolean handleIfStale(UUID id, Instant before, Instant now) {
        Run run = runs.lock(id).orElse(null);
        if (run == null || !run.isActive() || !run.lastSignOfLifeAt().isBefore(before)) {
            return false;
        }
        String silence = "no progress or heartbeat since " + run.lastSignOfLifeAt() + lastWorker(run);
        if (policy.action() == StaleAction.REDRIVE && RunRules.redrivable(run)
                && run.attempt() <= policy.maxRedrives()) {
            RunRules.redrive(run, now, RunRules.REDRIVEN + ": attempt " + (run.attempt() + 1) + " of "
                    + (policy.maxRedrives() + 1) + ", " + silence);
            events.requested(run);
            return true;
        }
        String redrives = run.attempt() > 1 ? " (after " + (run.attempt() - 1) + " re-drive(s))" : "";
        RunRules.workerLost(run, now, ReasonCodes.WORKER_LOST + ": worker lost, " + silence + redrives);
        events.lifecycle(run, LifecycleEvent.FAILED);
        return true;
    }

    private static String lastWorker(Run run) {
        return run.lastHeartbeatWorker() == null ? "" : " (last heartbeat from " + run.lastHeartbeatWorker() + ")";
    }
}
