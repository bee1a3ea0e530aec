package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.events.RunPlannedV1;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.run.service.RunTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the worker's reports (run-planned, volume-results). Each is applied idempotently by {@link RunTracker};
 * a record that cannot be applied is nacked and goes to the channel's dead-letter topic, and consumption goes on.
 */
@ApplicationScoped
public class WorkerReportsConsumer {

    @Inject
    RunTracker tracker;

    @Incoming("run-planned")
    @Blocking
    public void planned(ConsumerRecord<String, RunPlannedV1> record) {
        tracker.planned(Poison.requireValue(record));
    }

    @Incoming("volume-results")
    @Blocking
    public void result(ConsumerRecord<String, VolumeResultV1> record) {
        tracker.result(Poison.requireValue(record));
    }
}
