package dev.snapshotmanager.worker.support;

import dev.snapshotmanager.events.CloudEventAttributes;
import dev.snapshotmanager.events.EventType;
import dev.snapshotmanager.events.LifecycleEvent;
import dev.snapshotmanager.events.RunLifecycleV1;
import dev.snapshotmanager.events.RunStatus;
import dev.snapshotmanager.events.RunTrigger;
import dev.snapshotmanager.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
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
        Instant now = Instant.now();
        Topic.publish(Topics.RUN_LIFECYCLE, RUN.toString(), new RunLifecycleV1(RUN, LifecycleEvent.CANCELLED,
                RunStatus.CANCELLED, Tasks.DAILY, RunTrigger.MANUAL, false, now, null, 0, null, now, now, now, 0L,
                "cancelled before this instance started", now), CloudEventAttributes.of(EventType.RUN_LIFECYCLE,
                UUID.randomUUID().toString(), "/test", RUN.toString(), now));
        return Map.of();
    }

    @Override
    public void stop() {
        // nothing to stop: the event stays on the topic, as in production
    }
}
