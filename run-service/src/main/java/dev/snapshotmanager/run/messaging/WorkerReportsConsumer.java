package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.events.RunHeartbeatV1;
import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.run.service.RunTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the worker's reports (run-planned, volume-results, run-heartbeats). Each is applied idempotently by
 * {@link RunTracker}; a record that cannot be applied is nacked and goes to the channel's dead-letter topic, and
 * consumption goes on.
 */
@ApplicationScoped
public class WorkerReportsConsumer {

    private static final int ATTEMPTS = 3;

    @Inject
    RunTracker tracker;

    @Incoming("run-planned")
    @Blocking
    public void planned(ConsumerRecord<String, RunPlannedV1> record) {
        RunPlannedV1 plan = Poison.requireValue(record);
        withRetry(() -> tracker.planned(plan));
    }

    @Incoming("volume-results")
    @Blocking
    public void result(ConsumerRecord<String, VolumeResultV1> record) {
        VolumeResultV1 result = Poison.requireValue(record);
        withRetry(() -> tracker.result(result));
    }

    /** Worker heartbeats: idempotent by themselves (see {@link RunTracker#heartbeat}), so no processed-event mark. */
    @Incoming("run-heartbeats")
    @Blocking
    public void heartbeat(ConsumerRecord<String, RunHeartbeatV1> record) {
        RunHeartbeatV1 beat = Poison.requireValue(record);
        withRetry(() -> tracker.heartbeat(beat));
    }

    /**
     * Retries a failed transaction (e.g. a concurrent update) a few times before the record is dead-lettered; safe
     * because the processed-event mark rolls back with the effect.
     */
    static void withRetry(Runnable action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
