package dev.snapshotmanager.worker.service;

import java.util.UUID;

/**
 * Publishing a plan failed for good after its first volume task was handed to the broker: the broker refused one of
 * its events permanently (e.g. a record too large), or refused some for a transient reason (an outage, a leader
 * election) for longer than {@code snapshot.worker.plan-publish-retry-max-duration}, during which
 * {@link PlanPublishing} published them again. The run's tasks may already run, so this is no planning failure (a
 * PLANNING_FAILED would end the run FAILED while its volumes are snapshotted). The {@code RunPlannedV1} is published
 * last and was not, so run-service sees the run unplanned and, once it goes stale ({@code snapshot.runs.stale-after}),
 * fails it as WORKER_LOST (its default {@code stale-action=FAIL}) or requests it again ({@code REDRIVE}); a new plan
 * has the same task and result ids, and the executors create nothing twice.
 */
public class PlanPartlyPublishedException extends RuntimeException {

    public PlanPartlyPublishedException(UUID runId, Throwable cause) {
        super("the plan of run " + runId + " was published only in part (its volume tasks went out): "
                + cause.getMessage(), cause);
    }
}
