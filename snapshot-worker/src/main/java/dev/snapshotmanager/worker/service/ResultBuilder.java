package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.PolicyRef;
import dev.snapshotmanager.events.SnapshotRef;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.worker.client.CloudSnapshot;
import java.time.Instant;
import java.util.UUID;

/** Builds the {@link VolumeResultV1}s of one volume in one run, with deterministic event ids. */
final class ResultBuilder {

    private final UUID runId;
    private final PolicyRef policy;
    private final Instant slot;
    private final boolean dryRun;
    private final TaskVolume volume;
    private final long startedNanos = System.nanoTime();

    ResultBuilder(UUID runId, PolicyRef policy, Instant slot, boolean dryRun, TaskVolume volume) {
        this.runId = runId;
        this.policy = policy;
        this.slot = slot;
        this.dryRun = dryRun;
        this.volume = volume;
    }

    VolumeResultV1 result(VolumeAction action, String reason, String error, CloudSnapshot snapshot) {
        SnapshotRef ref = snapshot == null ? null : new SnapshotRef(snapshot.id(), snapshot.name(), snapshot.status());
        return result(action, reason, error, ref);
    }

    VolumeResultV1 result(VolumeAction action, String reason, String error, SnapshotRef snapshot) {
        String volumeId = volume.volume().id();
        return new VolumeResultV1(
                VolumeResultV1.deterministicEventId(runId, volumeId, action, snapshot == null ? null : snapshot.id()),
                runId, Instant.now(), action, reason, error, snapshot, volume.volume(), volume.tenant(),
                volume.server(), policy, slot, volume.retention(),
                (System.nanoTime() - startedNanos) / 1_000_000, dryRun);
    }

    VolumeResultV1 skipped(String reason, String error, CloudSnapshot snapshot) {
        return result(VolumeAction.SKIPPED, reason, error, snapshot);
    }
}
