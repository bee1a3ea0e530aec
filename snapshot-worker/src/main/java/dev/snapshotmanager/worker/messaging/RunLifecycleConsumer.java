package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.worker.service.FinishedRuns;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns about finished runs (every terminal status: cancelled, failed, completed ...): every instance reads the
 * topic under its own group, from {@code cancellation-lookback} back ({@link LifecycleLookback}).
 */
@ApplicationScoped
public class RunLifecycleConsumer {

    private final FinishedRuns finished;

    public RunLifecycleConsumer(FinishedRuns finished) {
        this.finished = finished;
    }

    @Incoming("run-lifecycle")
    public void onLifecycle(RunLifecycleV1 event) {
        if (event != null) {
            finished.finish(event.runId(), event.status());
        }
    }
}
