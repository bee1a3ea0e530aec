package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.worker.service.FinishedRuns;
import dev.snapshotmanager.worker.service.PlanPartlyPublishedException;
import dev.snapshotmanager.worker.service.PlanningFailures;
import dev.snapshotmanager.worker.service.RunHeartbeats;
import dev.snapshotmanager.worker.service.RunPlanner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Plans requested runs, one at a time per instance, reporting the run in heartbeats while it plans. The request is
 * acknowledged after its tasks, the immediate results and the {@code RunPlannedV1} are acknowledged by the broker;
 * events the broker refuses for a transient reason (an outage, a leader election) are published again meanwhile, for
 * up to {@code plan-publish-retry-max-duration}, while the run is still reported as PLANNING ({@link RunPlanner}).
 * When planning fails for good before any task went out (policy-service or OpenStack still failing after the
 * retries, the broker refusing the plan, or a defect), a PLANNING_FAILED heartbeat tells run-service why, and the
 * request is acknowledged: it is answered. Only when that report cannot be published either does the request go to
 * the dead-letter topic. A failure for good after a task went out ({@link PlanPartlyPublishedException}: a permanent
 * refusal, or a transient one that outlasted the retries) is no planning failure: it is logged and the request
 * acknowledged; run-service sees the run unplanned and, once it goes stale, fails it as WORKER_LOST or (with
 * {@code stale-action=REDRIVE}) requests it again. A request for a run that run-service has already finished
 * ({@link FinishedRuns}: cancelled, failed as WORKER_LOST while its request waited, ...) is not planned: it is logged
 * and acknowledged, with no task, result, heartbeat or planning failure.
 */
@ApplicationScoped
public class RunRequestConsumer {

    private static final Logger LOG = Logger.getLogger(RunRequestConsumer.class);

    private final RunPlanner planner;
    private final RunHeartbeats heartbeats;
    private final FinishedRuns finished;

    public RunRequestConsumer(RunPlanner planner, RunHeartbeats heartbeats, FinishedRuns finished) {
        this.planner = planner;
        this.heartbeats = heartbeats;
        this.finished = finished;
    }

    @Incoming("run-requests")
    @Blocking("planner")
    public void onRunRequested(RunRequestedV1 request) {
        if (request == null) {
            throw new IllegalArgumentException("unreadable run request");
        }
        Optional<RunStatus> finishedAs = finished.statusOf(request.runId());
        if (finishedAs.isPresent()) {
            LOG.infof("Not planning run %s of policy %s: run-service has already finished it (%s)", request.runId(),
                    request.policy() == null ? "(none)" : request.policy().policyName(), finishedAs.get());
            return;
        }
        RuntimeException failure = null;
        heartbeats.planningStarted(request.runId());
        try {
            planner.plan(request);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            heartbeats.planningEnded(request.runId());
        }
        if (failure instanceof PlanPartlyPublishedException partly) {
            // Not a planning failure: the tasks that went out run. Without its RunPlannedV1 the run stays unplanned
            // in run-service, which fails it (WORKER_LOST) or requests it again once it goes stale; a new plan has
            // the same ids.
            LOG.errorf(partly, "%s; not reported as a planning failure since its tasks may run; run-service fails "
                    + "the run or requests it again once it goes stale unplanned", partly.getMessage());
            return;
        }
        if (failure != null) {
            String error = PlanningFailures.describe(failure);
            LOG.errorf(failure, "Planning run %s failed: %s", request.runId(), error);
            heartbeats.planningFailed(request.runId(), error).join();
        }
    }
}
