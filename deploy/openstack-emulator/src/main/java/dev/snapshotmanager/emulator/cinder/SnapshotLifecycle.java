package dev.snapshotmanager.emulator.cinder;

import dev.snapshotmanager.emulator.faults.Faults;
import dev.snapshotmanager.emulator.faults.Faults.Outcome;
import dev.snapshotmanager.emulator.http.Times;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.state.BlockStorageStore;
import io.vertx.core.Vertx;

/**
 * Moves snapshots on after the configured delays: creating -> available | error (or stuck), and
 * deleting -> gone | error_deleting. Quota is released only when the snapshot is gone.
 */
public final class SnapshotLifecycle {

    private final BlockStorageStore store;
    private final Faults faults;
    private final Vertx vertx;

    public SnapshotLifecycle(BlockStorageStore store, Faults faults, Vertx vertx) {
        this.store = store;
        this.faults = faults;
        this.vertx = vertx;
    }

    void created(Snapshot snapshot) {
        Outcome outcome = faults.createOutcome();
        if (outcome == Outcome.STUCK) {
            return;
        }
        boolean error = outcome == Outcome.ERROR;
        later(faults.createDelayMs(), () -> store.transition(snapshot.id(), "creating", error ? "error" : "available",
                error ? "0%" : "100%", Times.nowMicros()));
    }

    void deleting(String id) {
        Outcome outcome = faults.deleteOutcome();
        later(faults.deleteDelayMs(), () -> {
            if (outcome == Outcome.ERROR) {
                store.transition(id, "deleting", "error_deleting", store.snapshot(id).map(Snapshot::progress)
                        .orElse("100%"), Times.nowMicros());
            } else {
                store.removeSnapshot(id, "deleting");
            }
        });
    }

    private void later(long delayMs, Runnable step) {
        if (delayMs > 0) {
            vertx.setTimer(delayMs, t -> step.run());
        } else {
            step.run();
        }
    }
}
