package dev.snapshotmanager.run.service;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.run.config.RunsConfig;
import dev.snapshotmanager.run.config.RunsConfig.StaleAction;
import dev.snapshotmanager.run.domain.Run;
import dev.snapshotmanager.run.domain.RunRules;
import dev.snapshotmanager.run.messaging.ReportsBacklog;
import dev.snapshotmanager.run.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A run never stays active forever: a PLANNING or RUNNING run with neither planning/results nor a worker heartbeat for
 * {@code snapshot.runs.stale-after} is finalized as FAILED with reason WORKER_LOST, and the change is evented. A
 * REQUESTED run has no worker yet (it waits for a planner, behind other plans, and gets no heartbeat): it is judged
 * against the longer {@code snapshot.runs.request-timeout} and fails with reason REQUEST_TIMEOUT.
 *
 * <p>With {@code stale-action=REDRIVE}, a stale run that has no plan yet (REQUESTED or PLANNING) is requested again
 * instead: status REQUESTED, attempt + 1, a new RunRequestedV1 for the same run id and a REQUESTED lifecycle event
 * with reason REDRIVEN, all through the outbox in one transaction. After {@code max-redrives} it fails as WORKER_LOST.
 * A RUNNING run is never re-driven: its volume tasks are already out.
 *
 * <p>Silence is judged only on applied reports: while the report consumers have not caught up with the report topics
 * (this service or its database was down or slow; the topics hold the heartbeats of that time), the sweep is skipped,
 * so that an outage of run-service is not taken for lost workers. A worker that is really gone sends nothing: the
 * consumers are caught up and its runs fail as before. Kafka is asked only when the database shows a run to judge
 * (a cheap query); a pass without one ends there and is not counted as skipped.
 */
@ApplicationScoped
public class StaleRunSweeper {

    private static final Logger LOG = Logger.getLogger(StaleRunSweeper.class);

    @Inject
    RunRepository runs;

    @Inject
    RunEvents events;

    @Inject
    StaleRunPolicy policy;

    @Inject
    ReportsBacklog backlog;

    @Inject
    RunsConfig config;

    @Inject
    RunMetrics metrics;

    /**
     * Fails (or re-drives) the stale runs as of {@code now}; returns how many. First the candidates, the runs silent in
     * the database; none: nothing to judge and Kafka is not asked. Otherwise skipped (0, counted in
     * {@code snapshot_stale_sweeps_skipped_total}) while the worker's reports already on Kafka are not applied
     * ({@link ReportsBacklog}): a run is not judged silent on a heartbeat backlog.
     */
    public int sweep(Instant now) {
        Instant before = now.minus(policy.staleAfter());
        Instant requestedBefore = now.minus(policy.requestTimeout());
        List<UUID> candidates = QuarkusTransaction.requiringNew()
                .call(() -> runs.staleIds(before, requestedBefore, 500));
        if (candidates.isEmpty()) {
            return 0;
        }
        Optional<String> behind = backlog.awaitCaughtUp(config.staleCheckCatchUpWait());
        if (behind.isPresent()) {
            LOG.infof("stale-run sweep skipped: %d run(s) look silent, but the worker reports on Kafka are not all "
                    + "applied yet (%s); no run is judged silent before they are", candidates.size(), behind.get());
            metrics.staleSweepSkipped();
            return 0;
        }
        int handled = 0;
        for (UUID id : candidates) {
            // judged again under the run's lock: the reports applied while the check waited may have revived it
            boolean done = QuarkusTransaction.requiringNew().call(() -> handleIfStale(id, before, requestedBefore,
                    now));
            handled += done ? 1 : 0;
        }
        return handled;
    }

    private boolean handleIfStale(UUID id, Instant before, Instant requestedBefore, Instant now) {
        Run run = runs.lock(id).orElse(null);
        if (run == null || !run.isActive()) {
            return false;
        }
        boolean queued = run.status() == RunStatus.REQUESTED;
        if (!run.lastSignOfLifeAt().isBefore(queued ? requestedBefore : before)) {
            return false;
        }
        String silence = queued
                ? "not picked up by a worker's planner since " + run.lastSignOfLifeAt() + " (request-timeout "
                        + policy.requestTimeout() + ")" + lastWorker(run)
                : "no progress or heartbeat since " + run.lastSignOfLifeAt() + lastWorker(run);
        if (policy.action() == StaleAction.REDRIVE && RunRules.redrivable(run)
                && run.attempt() <= policy.maxRedrives()) {
            RunRules.redrive(run, now, RunRules.REDRIVEN + ": attempt " + (run.attempt() + 1) + " of "
                    + (policy.maxRedrives() + 1) + ", " + silence);
            events.requested(run);
            return true;
        }
        String redrives = run.attempt() > 1 ? " (after " + (run.attempt() - 1) + " re-drive(s))" : "";
        String reason = queued ? ReasonCodes.REQUEST_TIMEOUT + ": no worker started planning the run, " + silence
                : ReasonCodes.WORKER_LOST + ": worker lost, " + silence;
        RunRules.workerLost(run, now, reason + redrives);
        events.lifecycle(run, LifecycleEvent.FAILED);
        return true;
    }

    private static String lastWorker(Run run) {
        return run.lastHeartbeatWorker() == null ? "" : " (last heartbeat from " + run.lastHeartbeatWorker() + ")";
    }
}
