package dev.snapshotmanager.worker.service;

import java.util.UUID;

/**
 * Publishing a plan failed after its first volume task was handed to the broker: the run's tasks may already run, so
 * this is no planning failure (a PLANNING_FAILED would end the run FAILED while its volumes are snapshotted). The
 * {@code RunPlannedV1} is published last and was not, so run-service sees the run unplanned and re-drives it once it
 * goes stale; the new plan has the same task and result ids, and the executors create nothing twice.
 */
public class PlanPartlyPublishedException extends RuntimeException {

    public PlanPartlyPublishedException(UUID runId, Throwable cause) {
        super("the plan of run " + runId + " was published only in part (its volume tasks went out): "
                + cause.getMessage(), cause);
    }
}
