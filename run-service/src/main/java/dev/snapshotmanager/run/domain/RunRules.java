package dev.snapshotmanager.run.domain;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The run state machine and its finalization rules (DOMAIN.md, "Runs"):
 * REQUESTED -> PLANNING (first sign of the planner) -> RUNNING (planned) -> a terminal status once every planned
 * volume has a final create outcome (a volume counts once, with its latest outcome). SKIPPED when nothing was to be
 * done, COMPLETED when no volume failed or was quota-blocked, FAILED when none succeeded, PARTIAL otherwise.
 * Retention results (DELETED, DELETE_FAILED) are counted but do not decide the status. The worker publishes a
 * volume's retention results before its outcome, on the same key, so a finished run's counters include its
 * deletions; one that arrives after the end (a run cancelled or ended as stale) is still counted. So is a late create
 * outcome, until the run's volume outcomes are pruned ({@code snapshot.runs.outcome-retention} after its end): from
 * then on the tracker ignores create outcomes of the run and its counters stay as they are.
 */
public final class RunRules {

    /** Reason prefix of a run that was requested from the worker again because it went stale before its plan. */
    public static final String REDRIVEN = "REDRIVEN";
    private static final int ERROR_LINES = 5;
    private static final int ERROR_SUMMARY_MAX = 2000;

    private RunRules() {
    }

    /** What happened to the run's status when an event was applied. */
    public record Change(boolean started, Optional<RunStatus> finished, boolean countersChanged) {
        static Change none() {
            return new Change(false, Optional.empty(), false);
        }
    }

    /** Applies the planner's totals; the run starts (RUNNING) and may finish right away (nothing planned). */
    public static Change planned(Run run, RunPlannedV1 plan, Instant now) {
        if (run.planned) {
            return Change.none();
        }
        run.planned = true;
        run.totalVolumes = plan.totalVolumes();
        run.toCreate = plan.toCreate();
        run.batchesTotal = plan.batchCount();
        run.lastActivityAt = now;
        if (!run.isActive()) {
            return new Change(false, Optional.empty(), true);
        }
        startOnce(run, now);
        run.setStatus(RunStatus.RUNNING);
        return new Change(true, finishIfAccounted(run, now), true);
    }

    /** Counts one volume result that replaces no earlier outcome (the caller has made sure it is not a duplicate). */
    public static Change result(Run run, VolumeResultV1 result, Instant now) {
        return result(run, result, Optional.empty(), now);
    }

    /**
     * Counts one volume result (the caller has made sure it is not a duplicate event, and that a create outcome is
     * the volume's latest). A create outcome that replaces the volume's earlier one ({@code replaced}) takes its
     * place in the counters, and the volume still counts once toward the volumes done.
     */
    public static Change result(Run run, VolumeResultV1 result, Optional<VolumeAction> replaced, Instant now) {
        boolean outcome = isCreateOutcome(result.action());
        if (outcome) {
            replaced.filter(RunRules::isCreateOutcome).ifPresent(earlier -> count(run, earlier, -1));
        }
        count(run, result.action(), 1);
        if (outcome && replaced.isEmpty()) {
            run.volumesDone++;
        }
        if (result.error() != null && !result.error().isBlank()) {
            addError(run, result.volume().id() + ": " + result.error());
        }
        run.lastActivityAt = now;
        if (!run.isActive()) {
            return new Change(false, Optional.empty(), true);
        }
        if (run.status() == RunStatus.REQUESTED) {
            run.setStatus(RunStatus.PLANNING);
        }
        startOnce(run, now);
        if (run.planned && run.totalVolumes > 0) {
            run.batchesCompleted = Math.min(run.batchesTotal,
                    (int) ((long) run.batchesTotal * run.volumesDone / run.totalVolumes));
        }
        return new Change(false, finishIfAccounted(run, now), true);
    }

    /**
     * A create outcome that is not the volume's latest (a newer one is counted already): a sign of life of the
     * worker, nothing else.
     */
    public static Change superseded(Run run, Instant now) {
        run.lastActivityAt = now;
        return Change.none();
    }

    /** Whether the action is a volume's create outcome (one per volume counts), not a retention result. */
    public static boolean isCreateOutcome(VolumeAction action) {
        return switch (action) {
            case CREATED, WOULD_CREATE, FAILED, SKIPPED, QUOTA_BLOCKED -> true;
            case DELETED, WOULD_DELETE, DELETE_FAILED -> false;
        };
    }

    private static void count(Run run, VolumeAction action, int delta) {
        switch (action) {
            case CREATED, WOULD_CREATE -> run.created += delta;
            case FAILED -> {
                run.failed += delta;
                run.createFailed += delta;
            }
            case SKIPPED -> run.skipped += delta;
            case QUOTA_BLOCKED -> run.quotaBlocked += delta;
            case DELETED, WOULD_DELETE -> run.deleted += delta;
            case DELETE_FAILED -> run.failed += delta;
        }
    }

    /** Cancels an active run. */
    public static void cancel(Run run, Instant now, String reason) {
        finish(run, RunStatus.CANCELLED, now, reason);
    }

    /**
     * A worker has started on a REQUESTED run (its first heartbeat): PLANNING, and the run's start time unless it
     * has one. False when nothing changed.
     */
    public static boolean planningStarted(Run run, Instant now) {
        if (run.status() != RunStatus.REQUESTED) {
            return false;
        }
        run.setStatus(RunStatus.PLANNING);
        startOnce(run, now);
        return true;
    }

    /**
     * A run starts when a worker first shows it works on it (heartbeat, result or plan, whichever arrives first:
     * they travel on different topics), so that its duration is planning plus execution and never 0 because the
     * plan arrived after the results.
     */
    private static void startOnce(Run run, Instant now) {
        if (run.startedAt == null) {
            run.startedAt = now;
        }
    }

    /** Fails an active run whose planning failed for good; the worker's error goes into the error summary. */
    public static void planningFailed(Run run, Instant now, String workerId, String error) {
        addError(run, "planning failed: " + (error == null || error.isBlank() ? "no error given" : error));
        finish(run, RunStatus.FAILED, now, ReasonCodes.PLANNING_FAILED + ": planning failed on worker " + workerId);
    }

    /**
     * A planning failure reported for a run that is already planned: the run goes on (its volume tasks are out and
     * its results decide), the worker's error is kept in the error summary.
     */
    public static void planningFailedAfterPlan(Run run, String workerId, String error) {
        addError(run, "planning failed on worker " + workerId + " after the run was planned (ignored): "
                + (error == null || error.isBlank() ? "no error given" : error));
    }

    /** Whether a stale run may be requested again: active and not planned yet (REQUESTED or PLANNING). */
    public static boolean redrivable(Run run) {
        return !run.planned && (run.status() == RunStatus.REQUESTED || run.status() == RunStatus.PLANNING);
    }

    /** Requests a stale unplanned run again: REQUESTED, one more attempt, a fresh stale-after window from now. */
    public static void redrive(Run run, Instant now, String reason) {
        if (!redrivable(run)) {
            throw new IllegalStateException("run " + run.id() + " (" + run.status() + ") cannot be re-driven");
        }
        run.setStatus(RunStatus.REQUESTED);
        run.attempt++;
        run.lastActivityAt = now;
        run.statusReason = reason;
    }

    /** Fails an active run whose worker stopped reporting, or that no worker picked up in time. */
    public static void workerLost(Run run, Instant now, String reason) {
        finish(run, RunStatus.FAILED, now, reason);
    }

    /** The status a fully accounted run ends with. */
    public static RunStatus outcome(Run run) {
        if (run.totalVolumes == 0 || run.skipped >= run.totalVolumes) {
            return RunStatus.SKIPPED;
        }
        int problems = run.createFailed + run.quotaBlocked;
        if (problems == 0) {
            return RunStatus.COMPLETED;
        }
        return run.created == 0 ? RunStatus.FAILED : RunStatus.PARTIAL;
    }

    /** 0..100: the share of planned volumes with a final outcome. */
    public static int progressPercent(Run run) {
        if (!run.planned) {
            return run.isActive() ? 0 : 100;
        }
        if (run.totalVolumes == 0) {
            return 100;
        }
        return (int) Math.min(100, (long) run.volumesDone * 100 / run.totalVolumes);
    }

    /** The estimated finish from the pace so far, or empty when unknown (not started, nothing done, finished). */
    public static Optional<Instant> eta(Run run, Instant now) {
        if (run.status() != RunStatus.RUNNING || run.startedAt == null || run.volumesDone == 0
                || run.volumesDone >= run.totalVolumes) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(run.startedAt, now);
        if (elapsed.isNegative()) {
            return Optional.empty();
        }
        long remaining = run.totalVolumes - run.volumesDone;
        return Optional.of(now.plus(elapsed.multipliedBy(remaining).dividedBy(run.volumesDone)));
    }

    /** {@code finishedAt - startedAt} (or requestedAt when it never started), for a finished run. */
    public static Optional<Duration> duration(Run run) {
        if (run.finishedAt == null) {
            return Optional.empty();
        }
        Instant from = run.startedAt != null ? run.startedAt : run.requestedAt();
        return Optional.of(Duration.between(from, run.finishedAt));
    }

    private static Optional<RunStatus> finishIfAccounted(Run run, Instant now) {
        if (!run.planned || run.volumesDone < run.totalVolumes) {
            return Optional.empty();
        }
        RunStatus outcome = outcome(run);
        run.batchesCompleted = run.batchesTotal;
        finish(run, outcome, now, outcome == RunStatus.SKIPPED ? "nothing to do" : null);
        return Optional.of(outcome);
    }

    private static void finish(Run run, RunStatus status, Instant now, String reason) {
        if (!run.isActive()) {
            throw new IllegalStateException("run " + run.id() + " is already " + run.status());
        }
        run.setStatus(status);
        run.finishedAt = now;
        run.statusReason = reason;
    }

    private static void addError(Run run, String line) {
        List<String> lines = new ArrayList<>();
        lines.add(line.length() > 300 ? line.substring(0, 300) : line);
        if (run.errorSummary != null) {
            lines.addAll(Arrays.asList(run.errorSummary.split("\n")));
        }
        String summary = String.join("\n", lines.subList(0, Math.min(ERROR_LINES, lines.size())));
        run.errorSummary = summary.length() > ERROR_SUMMARY_MAX ? summary.substring(0, ERROR_SUMMARY_MAX) : summary;
    }
}
