package dev.snapshotmanager.worker.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Business metrics of the worker: snapshots by outcome, time from create to {@code available}, tasks and volumes in
 * flight, inventory publishes that failed, plan publishes repeated. (Cinder latency and errors by operation are
 * recorded by the OpenStack client.)
 */
@ApplicationScoped
public class WorkerMetrics {

    private final MeterRegistry meters;
    private final AtomicInteger tasksInFlight;
    private final AtomicInteger volumesInFlight;

    public WorkerMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.tasksInFlight = meters.gauge("snapshot.tasks.in_flight", new AtomicInteger());
        this.volumesInFlight = meters.gauge("snapshot.volumes.in_flight", new AtomicInteger());
    }

    /** Counts a volume action ({@code CREATED}, {@code FAILED}, {@code DELETED} ...). */
    public void action(String action) {
        meters.counter("snapshot.volume.actions", "action", action).increment();
    }

    /** Counts a snapshot deleted because another execution of the same task created the slot's snapshot first. */
    public void duplicateRemoved() {
        meters.counter("snapshot.duplicates.removed").increment();
    }

    /** Counts an inventory publish (periodic, at a plan, or a resync) that the broker did not fully acknowledge. */
    public void inventoryPublishFailed() {
        meters.counter("snapshot.inventory.publish.failures").increment();
    }

    /**
     * Counts a publish of a plan's events repeated because the broker refused some of them for a transient reason
     * ({@link PlanPublishing}).
     */
    public void planPublishRetried() {
        meters.counter("snapshot.plan.publish.retries").increment();
    }

    public void timeToAvailable(Duration duration) {
        meters.timer("snapshot.time_to_available").record(duration);
    }

    public AtomicInteger tasksInFlight() {
        return tasksInFlight;
    }

    public AtomicInteger volumesInFlight() {
        return volumesInFlight;
    }
}
