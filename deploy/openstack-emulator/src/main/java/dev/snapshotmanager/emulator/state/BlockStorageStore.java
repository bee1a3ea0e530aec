package dev.snapshotmanager.emulator.state;

import dev.snapshotmanager.emulator.model.Quota;
import dev.snapshotmanager.emulator.model.Snapshot;
import dev.snapshotmanager.emulator.model.Volume;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Cinder's data: volumes, snapshots, quotas and usage. Every write holds one lock, so quota checks and the
 * usage they protect change together; reads never lock.
 */
public final class BlockStorageStore {

    private final Object lock = new Object();
    private final Indexed<Volume> volumes = new Indexed<>(Volume::id, Volume::projectId,
            v -> new SortKey(v.createdAt(), v.id()), Columns.VOLUME);
    private final Indexed<Snapshot> snapshots = new Indexed<>(Snapshot::id, Snapshot::projectId,
            s -> new SortKey(s.createdAt(), s.id()), Columns.SNAPSHOT);
    private final Map<String, Set<String>> snapshotsByVolume = new ConcurrentHashMap<>();
    private final Map<String, Quota> quotas = new ConcurrentHashMap<>();
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private volatile Quota defaultQuota = Quota.DEFAULT;

    public Optional<Volume> volume(String id) {
        return Optional.ofNullable(volumes.get(id));
    }

    public void putVolume(Volume volume) {
        synchronized (lock) {
            Volume previous = volumes.put(volume);
            if (previous != null) {
                adjust(previous.projectId(), u -> u.plusVolume(previous.size(), -1));
            }
            adjust(volume.projectId(), u -> u.plusVolume(volume.size(), 1));
        }
    }

    /** Deletes a volume for good (its snapshots stay) and releases its quota; empty if it is gone. */
    public Optional<Volume> removeVolume(String id) {
        synchronized (lock) {
            Volume removed = volumes.remove(id);
            if (removed != null) {
                adjust(removed.projectId(), u -> u.plusVolume(removed.size(), -1));
            }
            return Optional.ofNullable(removed);
        }
    }

    /** Applies a change to a volume (metadata, status); the project and size stay as they are. */
    public Optional<Volume> updateVolume(String id, UnaryOperator<Volume> change) {
        synchronized (lock) {
            Volume current = volumes.get(id);
            if (current == null) {
                return Optional.empty();
            }
            Volume changed = change.apply(current);
            volumes.put(changed);
            return Optional.of(changed);
        }
    }

    public List<Volume> volumes(ListQuery<Volume> query) {
        return volumes.page(query);
    }

    public int volumeCount() {
        return volumes.size();
    }

    public Optional<Snapshot> snapshot(String id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    /** Stores a new snapshot if the project's quota allows it, else throws {@link QuotaExceededException}. */
    public Snapshot createSnapshot(Snapshot snapshot) {
        synchronized (lock) {
            Quota quota = quota(snapshot.projectId());
            Usage used = usage(snapshot.projectId());
            if (Quota.exceeds(quota.gigabytes(), used.gigabytes() + snapshot.size())) {
                throw new QuotaExceededException("gigabytes", quota.gigabytes(), snapshot.size(), used.gigabytes());
            }
            if (Quota.exceeds(quota.snapshots(), used.snapshots() + 1)) {
                throw new QuotaExceededException("snapshots", quota.snapshots(), 1, used.snapshots());
            }
            putSnapshot(snapshot);
            return snapshot;
        }
    }

    /** Stores a snapshot regardless of quota (scenarios); usage follows. */
    public void putSnapshot(Snapshot snapshot) {
        synchronized (lock) {
            Snapshot previous = snapshots.put(snapshot);
            if (previous != null) {
                adjust(previous.projectId(), u -> u.plusSnapshot(previous.size(), -1));
            }
            adjust(snapshot.projectId(), u -> u.plusSnapshot(snapshot.size(), 1));
            snapshotsByVolume.computeIfAbsent(snapshot.volumeId(), v -> ConcurrentHashMap.newKeySet())
                    .add(snapshot.id());
        }
    }

    /** Applies a change to a snapshot; empty if it is gone. */
    public Optional<Snapshot> updateSnapshot(String id, UnaryOperator<Snapshot> change) {
        synchronized (lock) {
            Snapshot current = snapshots.get(id);
            if (current == null) {
                return Optional.empty();
            }
            Snapshot changed = change.apply(current);
            snapshots.put(changed);
            return Optional.of(changed);
        }
    }

    /** Moves a snapshot from one status to another; false if it is gone or no longer in {@code from}. */
    public boolean transition(String id, String from, String to, String progress, long now) {
        synchronized (lock) {
            Snapshot current = snapshots.get(id);
            if (current == null || !current.status().equals(from)) {
                return false;
            }
            snapshots.put(current.withStatus(to, progress, now));
            return true;
        }
    }

    /** Deletes a snapshot for good and releases its quota, if it is still in {@code status}. */
    public Optional<Snapshot> removeSnapshot(String id, String status) {
        synchronized (lock) {
            Snapshot current = snapshots.get(id);
            return current != null && current.status().equals(status) ? removeSnapshot(id) : Optional.empty();
        }
    }

    /** Deletes a snapshot for good and releases its quota. */
    public Optional<Snapshot> removeSnapshot(String id) {
        synchronized (lock) {
            Snapshot removed = snapshots.remove(id);
            if (removed != null) {
                adjust(removed.projectId(), u -> u.plusSnapshot(removed.size(), -1));
                Set<String> ofVolume = snapshotsByVolume.get(removed.volumeId());
                if (ofVolume != null) {
                    ofVolume.remove(id);
                }
            }
            return Optional.ofNullable(removed);
        }
    }

    public List<Snapshot> snapshots(ListQuery<Snapshot> query) {
        return snapshots.page(query);
    }

    /** A page of one volume's snapshots. */
    public List<Snapshot> snapshotsOfVolume(String volumeId, ListQuery<Snapshot> query) {
        return snapshots.page(snapshotsByVolume.getOrDefault(volumeId, Set.of()), query);
    }

    /** Every snapshot, newest first. */
    public List<Snapshot> allSnapshots() {
        return snapshots.values().stream()
                .sorted(Comparator.comparing((Snapshot s) -> new SortKey(s.createdAt(), s.id()), SortKey.NEWEST_FIRST))
                .toList();
    }

    public Quota quota(String projectId) {
        return quotas.getOrDefault(projectId, defaultQuota);
    }

    public Quota defaultQuota() {
        return defaultQuota;
    }

    public void setQuota(String projectId, Quota quota) {
        quotas.put(projectId, quota);
    }

    public void setDefaultQuota(Quota quota) {
        defaultQuota = quota;
    }

    public Usage usage(String projectId) {
        return usage.getOrDefault(projectId, Usage.NONE);
    }

    public void clear() {
        synchronized (lock) {
            volumes.clear();
            snapshots.clear();
            snapshotsByVolume.clear();
            quotas.clear();
            usage.clear();
            defaultQuota = Quota.DEFAULT;
        }
    }

    private void adjust(String projectId, UnaryOperator<Usage> change) {
        usage.put(projectId, change.apply(usage(projectId)));
    }
}
