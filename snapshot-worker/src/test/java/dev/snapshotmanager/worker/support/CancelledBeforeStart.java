package dev.snapshotmanager.worker.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the cancellation of run {@link #RUN} to the real broker before the application starts, as for an
 * instance that the autoscaler adds (or a pod that restarts) after an operator cancelled a run.
 */
public class CancelledBeforeStart implements QuarkusTestResourceLifecycleManager {

    /** The run cancelled before the application started (fixed: the resource may run in another class loader). */
    public static final UUID RUN = UUID.fromString("0c0c0c0c-0000-4000-8000-00000000ca11");

    @Override
    public Map<String, String> start() {
        Tasks.publishCancelled(RUN, "cancelled before this instance started");
        return Map.of();
    }

    @Override
    public void stop() {
        // nothing to stop: the event stays on the topic, as in production
    }
}
