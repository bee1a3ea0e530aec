package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs that run-service has finished, as announced on the run-lifecycle topic with a terminal status (CANCELLED,
 * but also FAILED, e.g. WORKER_LOST from the stale sweep, COMPLETED, PARTIAL, SKIPPED, MISSED). A finished run's
 * status never changes again, so the worker must not act for it any more: a request that comes later is not planned
 * and its volumes not yet started are skipped. (Acting for it would create snapshots of a run shown as finished,
 * perhaps next to the policy's newer run: two active runs of one policy.)
 */
@ApplicationScoped
public class FinishedRuns {

    /** Remembered runs, the oldest forgotten first (a run is looked up within its lookback anyway). */
    private static final int REMEMBERED = 100_000;

    private final Map<UUID, RunStatus> finished = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, RunStatus> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** Records that run-service finished the run with {@code status}; non-terminal statuses are ignored. */
    public void finish(UUID runId, RunStatus status) {
        if (runId != null && status != null && status.isTerminal()) {
            finished.putIfAbsent(runId, status);
        }
    }

    /** The terminal status run-service announced for the run, if any. */
    public Optional<RunStatus> statusOf(UUID runId) {
        return Optional.ofNullable(finished.get(runId));
    }

    public boolean isFinished(UUID runId) {
        return finished.containsKey(runId);
    }

    /**
     * The reason a volume of a run finished with {@code status} is skipped: {@link ReasonCodes#RUN_CANCELLED} for a
     * cancelled run, {@link ReasonCodes#RUN_FINISHED} for any other terminal status.
     */
    public static String skipReason(RunStatus status) {
        return status == RunStatus.CANCELLED ? ReasonCodes.RUN_CANCELLED : ReasonCodes.RUN_FINISHED;
    }
}
