package dev.snapshotmanager.worker.service;

import dev.snapshotmanager.events.VolumeInventoryV1;
import dev.snapshotmanager.worker.client.CloudInventory;
import dev.snapshotmanager.worker.client.CloudVolume;
import dev.snapshotmanager.worker.client.OpenStackClient;
import dev.snapshotmanager.worker.config.WorkerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Publishes the volume inventory to the compacted {@code snapshot.volume-inventory.v1} topic: periodically, at every
 * plan, and in full on demand. Only volumes that changed since this instance last published them are sent; a volume
 * that disappeared gets a tombstone. (After a restart the first sync is a full one.)
 */
@ApplicationScoped
public class InventorySync {

    private static final Logger LOG = Logger.getLogger(InventorySync.class);

    /** What one sync published. */
    public record Published(int volumes, int changed, int tombstones) {
    }

    private final OpenStackClient cloud;
    private final WorkerConfig config;
    private final dev.snapshotmanager.worker.messaging.EventPublisher publisher;
    /** Volume id to its last published description (with {@code observedAt} cleared). */
    private final Map<String, VolumeInventoryV1> published = new HashMap<>();

    public InventorySync(OpenStackClient cloud, WorkerConfig config,
                         dev.snapshotmanager.worker.messaging.EventPublisher publisher) {
        this.cloud = cloud;
        this.config = config;
        this.publisher = publisher;
    }

    @Scheduled(every = "${snapshot.worker.inventory.interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        if (config.inventory().enabled()) {
            Published result = publish(cloud.inventory(), false);
            LOG.infof("Inventory sync: %d volume(s), %d changed, %d tombstone(s)", result.volumes(), result.changed(),
                    result.tombstones());
        }
    }

    /** Reads the inventory and publishes every volume, changed or not. */
    public Published resync() {
        return publish(cloud.inventory(), true);
    }

    /** Publishes the changed (or, with {@code full}, all) volumes and tombstones for the vanished ones. */
    public synchronized Published publish(CloudInventory inventory, boolean full) {
        Volumes volumes = new Volumes(inventory);
        Instant now = Instant.now();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, VolumeInventoryV1> next = new HashMap<>();
        for (CloudVolume v : inventory.volumes()) {
            seen.add(v.id());
            VolumeInventoryV1 description = volumes.inventory(v, now);
            VolumeInventoryV1 comparable = volumes.inventory(v, Instant.EPOCH);
            next.put(v.id(), comparable);
            if (full || !comparable.equals(published.get(v.id()))) {
                sent.add(publisher.inventory(description));
            }
        }
        int changed = sent.size();
        for (String gone : published.keySet()) {
            if (!seen.contains(gone)) {
                sent.add(publisher.inventoryTombstone(gone));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        int tombstones = sent.size() - changed;
        published.clear();
        published.putAll(next);
        return new Published(inventory.volumes().size(), changed, tombstones);
    }
}
