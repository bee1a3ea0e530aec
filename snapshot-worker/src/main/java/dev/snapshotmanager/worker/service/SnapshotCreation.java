package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.ReasonCodes;
import dev.snapshotmanager.events.TaskVolume;
import dev.snapshotmanager.events.VolumeAction;
import dev.snapshotmanager.events.VolumeResultV1;
import dev.snapshotmanager.worker.client.CinderException;
import dev.snapshotmanager.worker.client.CloudSnapshot;
import dev.snapshotmanager.worker.client.OpenStackCalls;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.config.WorkerConfig;
import dev.snapshotmanager.worker.domain.SnapshotNames;
import dev.snapshotmanager.worker.domain.SnapshotTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates one volume's snapshot for one policy and slot, in the volume's own project, and waits until it is
 * {@code available} or {@code error} (polling with backoff, bounded by {@code available-timeout}). Transient failures
 * are retried with backoff; before each retry the volume's snapshots are listed again, because a create that failed
 * on the wire may have succeeded in Cinder: a slot never gets two snapshots.
 */
@ApplicationScoped
public class SnapshotCreation {

    /** What happened: the result and, when there is one, the snapshot as it ended. */
    public record Outcome(VolumeResultV1 result, CloudSnapshot snapshot) {
    }

    private final OpenStackClient cloud;
    private final OpenStackCalls calls;
    private final WorkerConfig config;
    private final SnapshotTags tags;
    private final WorkerMetrics metrics;

    public SnapshotCreation(OpenStackClient cloud, OpenStackCalls calls, WorkerConfig config, SnapshotTags tags,
                            WorkerMetrics metrics) {
        this.cloud = cloud;
        this.calls = calls;
        this.config = config;
        this.tags = tags;
        this.metrics = metrics;
    }

    Outcome create(ResultBuilder results, UUID runId, String policy, Instant slot, TaskVolume volume) {
        String projectId = volume.tenant().projectId();
        String volumeId = volume.volume().id();
        String name = SnapshotNames.of(volume.tenant().projectName(), policy,
                volume.server() == null ? null : volume.server().name(), volume.volume().name(), slot);
        Map<String, String> metadata = tags.metadata(policy, runId, slot, projectId, volumeId);
        AtomicInteger attempts = new AtomicInteger();
        Instant started = Instant.now();
        Optional<CloudSnapshot> created;
        try {
            created = calls.withRetries("snapshots.create", () -> {
                if (attempts.getAndIncrement() > 0) {
                    Optional<CloudSnapshot> earlier = cloud.snapshotsOfVolume(projectId, volumeId).stream()
                            .filter(s -> tags.isOfSlot(s, policy, slot)).findFirst();
                    if (earlier.isPresent()) {
                        return earlier;
                    }
                }
                return cloud.createSnapshot(projectId, volumeId, name, metadata);
            });
        } catch (CinderException e) {
            if (e.isQuotaExceeded()) {
                String quota = e.getMessage().toLowerCase(Locale.ROOT).contains("gigabytes")
                        ? ReasonCodes.QUOTA_GIGABYTES : ReasonCodes.QUOTA_SNAPSHOTS;
                return new Outcome(results.result(VolumeAction.QUOTA_BLOCKED, quota, e.getMessage(),
                        (CloudSnapshot) null), null);
            }
            if (e.status() == 400) {
                return new Outcome(results.skipped(ReasonCodes.VOLUME_STATUS, e.getMessage(), null), null);
            }
            return new Outcome(results.result(VolumeAction.FAILED, null, e.getMessage(), (CloudSnapshot) null), null);
        }
        if (created.isEmpty()) {
            return new Outcome(results.skipped(ReasonCodes.VOLUME_GONE, "volume " + volumeId + " not found", null),
                    null);
        }
        return await(results, projectId, created.get(), started);
    }

    /** Polls a new snapshot until {@code available} or {@code error}, or the timeout (STUCK_CREATING). */
    Outcome await(ResultBuilder results, String projectId, CloudSnapshot snapshot, Instant started) {
        Instant deadline = Instant.now().plus(config.availableTimeout());
        Duration delay = config.pollInitialInterval();
        CloudSnapshot current = snapshot;
        try {
            while (!current.isAvailable() && !current.isError()) {
                if (!Instant.now().isBefore(deadline)) {
                    return new Outcome(results.result(VolumeAction.FAILED, ReasonCodes.STUCK_CREATING,
                            "snapshot " + current.id() + " still " + current.status() + " after "
                                    + config.availableTimeout(), current), current);
                }
                sleep(min(delay, Duration.between(Instant.now(), deadline)));
                delay = min(delay.multipliedBy(2), config.pollMaxInterval());
                Optional<CloudSnapshot> polled = cloud.snapshot(projectId, current.id());
                if (polled.isEmpty()) {
                    return new Outcome(results.result(VolumeAction.FAILED, null,
                            "snapshot " + current.id() + " disappeared while " + current.status(), current), null);
                }
                current = polled.get();
            }
        } catch (CinderException e) {
            return new Outcome(results.result(VolumeAction.FAILED, null, e.getMessage(), current), current);
        }
        if (current.isError()) {
            return new Outcome(results.result(VolumeAction.FAILED, null, "snapshot " + current.id()
                    + " ended in status error", current), current);
        }
        metrics.timeToAvailable(Duration.between(started, Instant.now()));
        return new Outcome(results.result(VolumeAction.CREATED, null, null, current), current);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CinderException("snapshots.get", 0, "interrupted while waiting", e);
        }
    }
}
