package dev.snapshotmanager.run.messaging;

import dev.snapshotmanager.common.messaging.DatabaseRetry;
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
 * {@link RunTracker} (the processed-event mark rolls back with the effect, so repeating is safe), through
 * {@link DatabaseRetry}: while PostgreSQL is away the report is applied again until it is taken (a report lost then
 * would leave its run unfinished); a record that cannot be applied for another reason (a concurrent update that keeps
 * failing, unusable data) is nacked after a few attempts and goes to the channel's dead-letter topic, and consumption
 * goes on. A plan whose totals cannot be ({@link Poison#requireConsistentTotals}) is dead-lettered at once.
 */
@ApplicationScoped
public class WorkerReportsConsumer {

    @Inject
    RunTracker tracker;

    @Inject
    DatabaseRetry retry;

    @Incoming("run-planned")
    @Blocking
    public void planned(ConsumerRecord<String, RunPlannedV1> record) throws Exception {
        RunPlannedV1 plan = Poison.requireConsistentTotals(Poison.requireValue(record));
        retry.run("run-planned", () -> tracker.planned(plan));
    }

    @Incoming("volume-results")
    @Blocking
    public void result(ConsumerRecord<String, VolumeResultV1> record) throws Exception {
        VolumeResultV1 result = Poison.requireValue(record);
        retry.run("volume-results", () -> tracker.result(result));
    }

    /** Worker heartbeats: idempotent by themselves (see {@link RunTracker#heartbeat}), so no processed-event mark. */
    @Incoming("run-heartbeats")
    @Blocking
    public void heartbeat(ConsumerRecord<String, RunHeartbeatV1> record) throws Exception {
        RunHeartbeatV1 beat = Poison.requireValue(record);
        retry.run("run-heartbeats", () -> tracker.heartbeat(beat));
    }
}
