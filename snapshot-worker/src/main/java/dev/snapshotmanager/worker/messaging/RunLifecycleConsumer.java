package dev.snapshotmanager.worker.messaging;

import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.worker.service.CancelledRuns;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns about cancelled runs: every instance reads the topic under its own group, from
 * {@code cancellation-lookback} back ({@link LifecycleLookback}).
 */
@ApplicationScoped
public class RunLifecycleConsumer {

    private final CancelledRuns cancelled;

    public RunLifecycleConsumer(CancelledRuns cancelled) {
        this.cancelled = cancelled;
    }

    @Incoming("run-lifecycle")
    public void onLifecycle(RunLifecycleV1 event) {
        if (event != null && event.event() == LifecycleEvent.CANCELLED) {
            cancelled.cancel(event.runId());
        }
    }
}
