package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.events.RunRequestedV1;
import dev.snapshotmanager.worker.service.RunPlanner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Plans requested runs, one at a time per instance. The request is acknowledged after its tasks, the
 * {@code RunPlannedV1} and the immediate results are acknowledged by the broker; a planning failure sends the
 * request to the dead-letter topic (run-service fails the run for lack of progress).
 */
@ApplicationScoped
public class RunRequestConsumer {

    private final RunPlanner planner;

    public RunRequestConsumer(RunPlanner planner) {
        this.planner = planner;
    }

    @Incoming("run-requests")
    @Blocking("planner")
    public void onRunRequested(RunRequestedV1 request) {
        if (request == null) {
            throw new IllegalArgumentException("unreadable run request");
        }
        planner.plan(request);
    }
}
